package io.vmconsole.nodeagent.spec;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes-style quantities ("1Gi", "512Mi", "2G") and percentages ("10%"). */
public final class SpecQuantities {
  private static final Pattern QUANTITY = Pattern.compile("(\\d+)\\s*(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P|)");
  private static final Pattern PERCENT = Pattern.compile("(\\d+)\\s*%?");
  private static final Map<String, Long> UNITS =
      Map.ofEntries(
          Map.entry("", 1L),
          Map.entry("Ki", 1L << 10),
          Map.entry("Mi", 1L << 20),
          Map.entry("Gi", 1L << 30),
          Map.entry("Ti", 1L << 40),
          Map.entry("Pi", 1L << 50),
          Map.entry("K", 1_000L),
          Map.entry("M", 1_000_000L),
          Map.entry("G", 1_000_000_000L),
          Map.entry("T", 1_000_000_000_000L),
          Map.entry("P", 1_000_000_000_000_000L));

  private SpecQuantities() {}

  /**
   * @return bytes
   * @throws IllegalArgumentException when not a quantity or too large for a long
   */
  public static long bytes(String s) {
    Matcher m = QUANTITY.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a quantity: " + s);
    }
    return Math.multiplyExact(Long.parseLong(m.group(1)), UNITS.get(m.group(2)));
  }

  /** "10%", "10" → 10. */
  public static int percent(String s) {
    Matcher m = PERCENT.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a percentage: " + s);
    }
    return Integer.parseInt(m.group(1));
  }
}

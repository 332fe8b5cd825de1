package io.vmconsole.nodeagent.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Percentages ("10%"). Byte quantities come as integers: the console parses quantities. */
public final class SpecQuantities {
  private static final Pattern PERCENT = Pattern.compile("(\\d+)\\s*%?");

  private SpecQuantities() {}

  /** "10%", "10" → 10. */
  public static int percent(String s) {
    Matcher m = PERCENT.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a percentage: " + s);
    }
    return Integer.parseInt(m.group(1));
  }
}

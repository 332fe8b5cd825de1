package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes quantities ("1Gi", "512M", "1.5", "1e3") to a number. Done here rather than
 * with fabric8's Quantity because that one accepts malformed input silently, and a rule must say
 * "invalid".
 */
public final class Quantities {

  private static final Pattern FORM =
      Pattern.compile("^([+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+)(.*)$");
  private static final Pattern EXPONENT = Pattern.compile("^[eE]([+-]?[0-9]+)$");
  private static final Map<String, BigDecimal> SUFFIX =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {}

  /** The value of a quantity given as a JSON string or number; empty when it is not a quantity. */
  public static Optional<BigDecimal> parse(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    return node.isTextual() ? parse(node.asText()) : Optional.empty();
  }

  public static Optional<BigDecimal> parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
    String suffix = m.group(3);
    BigDecimal factor = SUFFIX.get(suffix);
    if (factor == null) {
      Matcher e = EXPONENT.matcher(suffix);
      if (!e.matches()) {
        return Optional.empty();
      }
      factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
    }
    return Optional.of(number.multiply(factor));
  }
}

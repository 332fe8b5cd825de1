package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantities ("1Gi", "0.375Gi", "512k", "1e9", "1.5"), parsed exactly: the console's one
 * grammar for them. The node agent takes sizes as integers of bytes, so nothing else parses a
 * quantity. Done here rather than with fabric8's Quantity because that one accepts malformed input
 * silently, and a rule must say "invalid"; BigDecimal throughout, never a double (2^60 stays
 * 1152921504606846976).
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

  /** A quantity written the way the rule messages suggest. */
  static final String EXAMPLES = "1Gi, 0.375Gi or 500M";

  /**
   * A size in bytes: the quantity's exact value when it is a positive whole number of bytes that
   * fits a long; empty otherwise ({@link #sizeProblem} says why).
   */
  public static Optional<Long> sizeBytes(JsonNode node) {
    return sizeProblem(node).isPresent()
        ? Optional.empty()
        : parse(node).map(BigDecimal::longValueExact);
  }

  /** As {@link #sizeBytes(JsonNode)}, of text. */
  public static Optional<Long> sizeBytes(String text) {
    return sizeBytes(
        text == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
  }

  /**
   * A quantity as a message shows it: text as written; a number (YAML reads an unquoted {@code 1e9}
   * as one) in plain digits, never as a double's {@code 1.0E9}.
   */
  public static String shown(JsonNode node) {
    if (node != null && node.isNumber()) {
      BigDecimal plain = node.decimalValue().stripTrailingZeros();
      return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }
    return node == null ? "" : node.asText();
  }

  /**
   * Why the value is not a size in bytes, for a rule's message ("must be …"); empty when it is one.
   */
  public static Optional<String> sizeProblem(JsonNode node) {
    Optional<BigDecimal> value = parse(node);
    String shown =
        node == null ? "nothing" : node.isTextual() ? "\"" + node.asText() + "\"" : shown(node);
    if (value.isEmpty()) {
      return Optional.of("must be a quantity such as " + EXAMPLES + " (got " + shown + ")");
    }
    BigDecimal v = value.get();
    if (v.signum() <= 0) {
      return Optional.of("must be positive (got " + shown + ")");
    }
    if (v.stripTrailingZeros().scale() > 0) {
      return Optional.of(
          "must be a whole number of bytes (got "
              + shown
              + ", which is "
              + v.stripTrailingZeros().toPlainString()
              + " bytes)");
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.of("is too large (got " + shown + ")");
    }
    return Optional.empty();
  }

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

package io.vmconsole.vm.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML tab's text: parsed to the object the form shows, written back from it, and asked for the
 * line of a field so a validation error can point at the line the user typed.
 */
public final class YamlDocument {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .build();
  private static final Pattern INDEX = Pattern.compile("^(.*)\\[(\\d+)]$");

  private YamlDocument() {}

  /** A syntax error: its 1-based line and what is wrong. */
  public static final class SyntaxError extends RuntimeException {
    private final int line;

    SyntaxError(int line, String message) {
      super("line " + line + ": " + message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** Parses one object; a syntax error or a non-object document is a {@link SyntaxError}. */
  public static ObjectNode parse(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      if (node == null || !node.isObject()) {
        throw new SyntaxError(
            1, "the document must be one object (apiVersion, kind, metadata, spec)");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new SyntaxError(
          line, e.getOriginalMessage().lines().findFirst().orElse("cannot be parsed"));
    }
  }

  public static String write(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The 1-based line of a field named as validation names it ({@code
   * spec.blockDeviceRefs[3].name}), or of its nearest existing parent; empty when the text does not
   * parse.
   */
  public static Optional<Integer> lineOf(String text, String field) {
    Node node;
    try {
      node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (node == null) {
      return Optional.empty();
    }
    Node at = node;
    for (String part : field.split("\\.")) {
      Matcher m = INDEX.matcher(part);
      String key = m.matches() ? m.group(1) : part;
      Node next = child(at, key);
      if (next != null && m.matches()) {
        next =
            next instanceof SequenceNode seq && Integer.parseInt(m.group(2)) < seq.getValue().size()
                ? seq.getValue().get(Integer.parseInt(m.group(2)))
                : next;
      }
      if (next == null) {
        break;
      }
      at = next;
    }
    return Optional.of(at.getStartMark().getLine() + 1);
  }

  private static Node child(Node node, String key) {
    if (node instanceof MappingNode map) {
      List<NodeTuple> tuples = map.getValue();
      for (NodeTuple t : tuples) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          // The key's line reads better than the value's for a block value.
          return t.getValueNode() instanceof ScalarNode ? t.getValueNode() : withKeyLine(t);
        }
      }
    }
    return null;
  }

  private static Node withKeyLine(NodeTuple t) {
    return t.getValueNode();
  }
}

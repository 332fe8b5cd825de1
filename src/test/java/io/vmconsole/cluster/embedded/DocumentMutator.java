package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded mutator of resource documents for fuzzing, in two forms: the object tree (what a client
 * sends as JSON) and the YAML text (what a user types in the editor). Mutations are the mistakes
 * and attacks seen in practice: a field removed, renamed, duplicated or moved; a value of the wrong
 * type, out of range, empty, huge, deeply nested, or full of control characters; broken
 * indentation, stray YAML syntax, anchors and aliases, a document cut short. Jazzer does not
 * resolve here; the same seed gives the same documents, so a failure is reproduced by its seed.
 */
final class DocumentMutator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] TEXT_INSERTS = {
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "!!python/object ",
    "\t",
    "# ",
    "'",
    "\"",
    "\u0000",
    "%",
    "|",
    ">",
    "? ",
    "---\n",
    "...\n",
    "<<: *a\n",
    "\r",
    "\n",
    "  ",
    "\ufeff",
    "@",
    "`",
    "!"
  };

  private final Random random;

  DocumentMutator(long seed) {
    this.random = new Random(seed);
  }

  /** A copy of the object with one to four mutations. */
  ObjectNode mutate(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      mutateOnce(copy);
    }
    return copy;
  }

  /** The text with one to three mutations. */
  String mutate(String text) {
    String result = text;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      result = mutateOnce(result);
    }
    return result;
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private void mutateOnce(ObjectNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(root, containers);
    JsonNode container = containers.get(random.nextInt(containers.size()));
    if (container instanceof ObjectNode object) {
      mutateField(root, object);
    } else {
      mutateElement(root, (ArrayNode) container);
    }
  }

  private void mutateField(ObjectNode root, ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty() || random.nextInt(8) == 0) {
      object.set(oddKey(), oddValue(root));
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    switch (random.nextInt(5)) {
      case 0 -> object.remove(name);
      case 1 -> object.set(oddKey(), object.remove(name));
      case 2 -> object.set(name, retyped(object.get(name)));
      default -> object.set(name, oddValue(root));
    }
  }

  private void mutateElement(ObjectNode root, ArrayNode array) {
    if (array.isEmpty()) {
      array.add(oddValue(root));
      return;
    }
    int i = random.nextInt(array.size());
    switch (random.nextInt(5)) {
      case 0 -> array.remove(i);
      case 1 -> array.add(array.get(i).deepCopy());
      case 2 -> array.set(i, retyped(array.get(i)));
      case 3 -> {
        for (int n = 0; n < 20; n++) {
          array.add(array.get(i).deepCopy());
        }
      }
      default -> array.set(i, oddValue(root));
    }
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      node.elements().forEachRemaining(child -> collectContainers(child, into));
    }
  }

  /**
   * The same content in another JSON type: a number as text, an object as a list, text as a number.
   */
  private JsonNode retyped(JsonNode value) {
    if (value.isObject()) {
      ArrayNode array = JSON.arrayNode();
      value.elements().forEachRemaining(array::add);
      return array;
    }
    if (value.isArray()) {
      return value.isEmpty() ? JSON.objectNode() : value.get(0);
    }
    if (value.isNumber() || value.isBoolean()) {
      return JSON.textNode(value.asText());
    }
    String text = value.asText();
    return text.matches("-?\\d{1,18}")
        ? JSON.numberNode(Long.parseLong(text))
        : JSON.booleanNode(text.isEmpty());
  }

  private String oddKey() {
    String[] keys = {
      "",
      "x",
      "spec",
      "metadata",
      "status",
      "$ref",
      "__proto__",
      "a.b",
      "a/b",
      "ключ",
      "k\r\nv",
      "name",
      "cores",
      "size",
      "kind",
      "apiVersion",
      "x".repeat(300)
    };
    return keys[random.nextInt(keys.length)];
  }

  private JsonNode oddValue(ObjectNode root) {
    List<Supplier<JsonNode>> values =
        List.of(
            JSON::nullNode,
            () -> JSON.textNode(""),
            () -> JSON.textNode(" "),
            () -> JSON.textNode("x".repeat(1 + random.nextInt(70_000))),
            () -> JSON.textNode("a\r\nINFO created user admin\u0000\u001b[31m"),
            () -> JSON.textNode("../../../../etc/passwd"),
            () -> JSON.textNode("💥\u202e\ud800"),
            () ->
                JSON.textNode(
                    pick(
                        "1",
                        "0",
                        "-1",
                        "1Gi",
                        "-1Gi",
                        "0.5",
                        "1e400Gi",
                        "100%",
                        "150%",
                        "-5%",
                        "Ki",
                        "10.0.0.1",
                        "300.1.1.1",
                        "10.0.0.0/8",
                        "UPPER_case",
                        "a".repeat(64),
                        "default",
                        "AlwaysOff")),
            () -> JSON.numberNode(pick(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 4097L, 65536L)),
            () -> JSON.numberNode(pick(0.5, -0.0, 1e308, Double.MIN_VALUE)),
            () -> JSON.numberNode(new java.math.BigInteger("9".repeat(40))),
            () -> JSON.booleanNode(random.nextBoolean()),
            JSON::arrayNode,
            JSON::objectNode,
            () -> nested(5 + random.nextInt(200)),
            () -> somewhereIn(root));
    return values.get(random.nextInt(values.size())).get();
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private JsonNode nested(int depth) {
    JsonNode node = JSON.textNode("deep");
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? JSON.arrayNode().add(node) : JSON.objectNode().set("a", node);
    }
    return node;
  }

  /** A copy of some value found elsewhere in the document: a right value in the wrong place. */
  private JsonNode somewhereIn(ObjectNode root) {
    List<JsonNode> all = new ArrayList<>();
    collectAll(root, all);
    return all.get(random.nextInt(all.size())).deepCopy();
  }

  private static void collectAll(JsonNode node, List<JsonNode> into) {
    into.add(node);
    node.elements().forEachRemaining(child -> collectAll(child, into));
  }

  private String mutateOnce(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int at = random.nextInt(lines.size());
    switch (random.nextInt(7)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, lines.get(at));
      case 2 -> lines.set(at, " ".repeat(1 + random.nextInt(4)) + lines.get(at));
      case 3 -> lines.set(at, lines.get(at).stripLeading());
      case 4 -> {
        int other = random.nextInt(lines.size());
        String swap = lines.get(at);
        lines.set(at, lines.get(other));
        lines.set(other, swap);
      }
      case 5 -> {
        return text.substring(0, random.nextInt(text.length() + 1));
      }
      default -> {
        String line = lines.get(at);
        int col = random.nextInt(line.length() + 1);
        lines.set(at, line.substring(0, col) + pick(TEXT_INSERTS) + line.substring(col));
      }
    }
    return String.join("\n", lines);
  }
}

package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.embedded.ResourceKind.PrinterColumn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * meta.k8s.io/v1 Table responses, which is what kubectl asks for on {@code get}: NAME first, the
 * CRD's printer columns (priority 1 only with {@code -o wide}, which kubectl decides), AGE last.
 */
final class Tables {

  /** One column: its definition and how a cell is computed from an object. */
  record Column(
      String name, String type, String format, int priority, Function<JsonNode, Object> cell) {}

  private final Clock clock;

  Tables(Clock clock) {
    this.clock = clock;
  }

  static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  ObjectNode table(
      ResourceKind kind, List<ObjectNode> objects, String resourceVersion, String includeObject) {
    List<Column> columns = columns(kind);
    ObjectNode t = Patches.JSON.createObjectNode();
    t.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    t.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode defs = t.putArray("columnDefinitions");
    for (Column c : columns) {
      defs.addObject()
          .put("name", c.name())
          .put("type", c.type())
          .put("format", c.format())
          .put("description", c.name())
          .put("priority", c.priority());
    }
    ArrayNode rows = t.putArray("rows");
    for (ObjectNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        cells.add(Patches.JSON.valueToTree(c.cell().apply(o)));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", o);
      } else if (!"None".equals(includeObject)) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", o.path("metadata").deepCopy());
      }
    }
    return t;
  }

  List<Column> columns(ResourceKind kind) {
    List<Column> c = new ArrayList<>();
    c.add(new Column("Name", "string", "name", 0, o -> o.path("metadata").path("name").asText()));
    if (kind.custom()) {
      boolean declaredAge = false;
      for (PrinterColumn p : kind.printerColumns()) {
        JsonPathExpression path = JsonPathExpression.compile(p.jsonPath());
        boolean date = "date".equals(p.type());
        declaredAge |= p.jsonPath().contains("creationTimestamp");
        c.add(new Column(p.name(), p.type(), "", p.priority(), o -> cell(path.first(o), date)));
      }
      if (!declaredAge) {
        c.add(age());
      }
      return c;
    }
    switch (kind.plural()) {
      case "nodes":
        c.add(new Column("Status", "string", "", 0, Tables::nodeStatus));
        c.add(new Column("Roles", "string", "", 0, Tables::nodeRoles));
        c.add(age());
        c.add(
            new Column(
                "Version",
                "string",
                "",
                0,
                o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")));
        return c;
      case "namespaces":
        c.add(
            new Column(
                "Status", "string", "", 0, o -> o.path("status").path("phase").asText("Active")));
        break;
      case "pods":
        c.add(new Column("Ready", "string", "", 0, Tables::podReady));
        c.add(
            new Column(
                "Status", "string", "", 0, o -> o.path("status").path("phase").asText("Pending")));
        c.add(new Column("Restarts", "string", "", 0, o -> String.valueOf(restarts(o))));
        c.add(age());
        c.add(
            new Column(
                "IP", "string", "", 1, o -> o.path("status").path("podIP").asText("<none>")));
        c.add(
            new Column(
                "Node", "string", "", 1, o -> o.path("spec").path("nodeName").asText("<none>")));
        return c;
      case "secrets":
        c.add(new Column("Type", "string", "", 0, o -> o.path("type").asText("Opaque")));
        c.add(new Column("Data", "string", "", 0, o -> String.valueOf(o.path("data").size())));
        break;
      default:
        break;
    }
    c.add(age());
    return c;
  }

  private Column age() {
    return new Column(
        "Age", "string", "", 0, o -> age(o.path("metadata").path("creationTimestamp")));
  }

  private Object cell(JsonNode value, boolean date) {
    if (value == null) {
      return null;
    }
    if (date) {
      return age(value);
    }
    if (value.isNumber() || value.isBoolean()) {
      return value;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private String age(JsonNode timestamp) {
    if (timestamp == null || !timestamp.isTextual()) {
      return "<unknown>";
    }
    try {
      return HumanDuration.of(Duration.between(Instant.parse(timestamp.asText()), clock.instant()));
    } catch (RuntimeException e) {
      return "<unknown>";
    }
  }

  private static String nodeStatus(JsonNode o) {
    String status = "Unknown";
    for (JsonNode c : o.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        status = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
      }
    }
    return o.path("spec").path("unschedulable").asBoolean(false)
        ? status + ",SchedulingDisabled"
        : status;
  }

  private static String nodeRoles(JsonNode o) {
    List<String> roles = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metadata").path("labels").fields();
        it.hasNext(); ) {
      String key = it.next().getKey();
      if (key.startsWith("node-role.kubernetes.io/")) {
        roles.add(key.substring("node-role.kubernetes.io/".length()));
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String podReady(JsonNode o) {
    int total = o.path("spec").path("containers").size();
    int ready = 0;
    for (JsonNode s : o.path("status").path("containerStatuses")) {
      ready += s.path("ready").asBoolean(false) ? 1 : 0;
    }
    return ready + "/" + total;
  }

  private static int restarts(JsonNode o) {
    int r = 0;
    for (JsonNode s : o.path("status").path("containerStatuses")) {
      r += s.path("restartCount").asInt(0);
    }
    return r;
  }
}

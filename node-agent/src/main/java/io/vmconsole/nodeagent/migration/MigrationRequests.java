package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.nodeagent.spec.BadRequestException;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/** The bodies of the migration calls, checked field by field (400 naming the field). */
final class MigrationRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,63}");
  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  static final long DEFAULT_DOWNTIME_LIMIT_MS = 300;

  private MigrationRequests() {}

  record Incoming(String migrationId, String vmId, String sourceNode, VmSpec spec) {}

  record Outgoing(
      String migrationId,
      String targetNode,
      String targetUrl,
      String ticket,
      long maxBandwidth,
      boolean autoConverge,
      long downtimeLimitMs) {}

  record Settings(Long maxBandwidth, Boolean autoConverge, Long downtimeLimitMs) {}

  static Incoming incoming(String body, SpecParser parser) {
    JsonNode n = object(body);
    String id = migrationId(n);
    String vmId = n.path("vmId").asText(null);
    SpecParser.checkVmId(vmId);
    String source = node(n.get("sourceNode"), "sourceNode");
    JsonNode spec = n.get("spec");
    if (spec == null || !spec.isObject()) {
      throw new BadRequestException("spec", "spec (the VM spec as the source runs it) is required");
    }
    return new Incoming(id, vmId, source, parser.parse(spec));
  }

  static Outgoing outgoing(String body) {
    JsonNode n = object(body);
    String id = migrationId(n);
    JsonNode t = n.get("target");
    if (t == null || !t.isObject()) {
      throw new BadRequestException("target", "target {node, url, ticket} is required");
    }
    String node = node(t.get("node"), "target.node");
    String url = t.path("url").asText("");
    try {
      URI u = URI.create(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null
          || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "target.url", "target.url must be the target agent's http(s)://host:port");
    }
    String ticket = t.path("ticket").asText("");
    if (ticket.isBlank()) {
      throw new BadRequestException("target.ticket", "target.ticket is required");
    }
    long bw = nonNegative(n.get("maxBandwidthBytesPerSecond"), "maxBandwidthBytesPerSecond", 0);
    boolean ac = bool(n.get("autoConverge"), "autoConverge", false);
    long downtime = downtimeLimit(n.get("downtimeLimitMs"));
    return new Outgoing(id, node, url.replaceAll("/$", ""), ticket.strip(), bw, ac, downtime);
  }

  static Settings settings(String body) {
    JsonNode n = object(body);
    for (var it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("maxBandwidthBytesPerSecond")
          && !f.equals("autoConverge")
          && !f.equals("downtimeLimitMs")) {
        throw new BadRequestException(
            f,
            "only maxBandwidthBytesPerSecond, autoConverge and downtimeLimitMs change during a"
                + " migration");
      }
    }
    Long bw =
        n.has("maxBandwidthBytesPerSecond")
            ? nonNegative(n.get("maxBandwidthBytesPerSecond"), "maxBandwidthBytesPerSecond", 0)
            : null;
    Boolean ac = n.has("autoConverge") ? bool(n.get("autoConverge"), "autoConverge", false) : null;
    Long downtime = n.has("downtimeLimitMs") ? downtimeLimit(n.get("downtimeLimitMs")) : null;
    return new Settings(bw, ac, downtime);
  }

  /** QEMU's downtime-limit in ms: 1..60000, default {@link #DEFAULT_DOWNTIME_LIMIT_MS}. */
  private static long downtimeLimit(JsonNode v) {
    long ms = nonNegative(v, "downtimeLimitMs", DEFAULT_DOWNTIME_LIMIT_MS);
    if (ms < 1 || ms > 60_000) {
      throw new BadRequestException("downtimeLimitMs", "downtimeLimitMs must be 1..60000");
    }
    return ms;
  }

  static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new BadRequestException(
          "migrationId", "migrationId must be [A-Za-z0-9-], 1..63 characters");
    }
    return id;
  }

  private static String migrationId(JsonNode n) {
    return checkId(n.path("migrationId").asText(null));
  }

  private static String node(JsonNode v, String field) {
    if (v == null || !v.isTextual() || !NODE.matcher(v.asText()).matches()) {
      throw new BadRequestException(field, field + " must be a node name");
    }
    return v.asText();
  }

  private static long nonNegative(JsonNode v, String field, long dflt) {
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new BadRequestException(field, field + " must be a whole number ≥ 0");
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode v, String field, boolean dflt) {
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new BadRequestException(field, field + " must be true or false");
    }
    return v.asBoolean();
  }

  private static JsonNode object(String body) {
    try {
      JsonNode n = JSON.readTree(body == null ? "" : body);
      if (n == null || !n.isObject()) {
        throw new BadRequestException("body", "the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new BadRequestException("body", "malformed JSON");
    }
  }
}

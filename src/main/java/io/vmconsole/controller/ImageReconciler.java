package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VirtualImages and ClusterVirtualImages, minimal (issue 4 §2): an image already in the shared pool
 * (under its uid) is Ready; an HTTP source is imported by an agent job whose progress is reported.
 */
final class ImageReconciler {
  private final ControllerContext ctx;
  private final Kind kind;
  private final ResourceAccess images;
  private final Map<String, String> jobs = new ConcurrentHashMap<>();

  ImageReconciler(ControllerContext ctx, Kind kind) {
    this.ctx = ctx;
    this.kind = kind;
    this.images = ctx.access(kind);
  }

  Duration reconcile(String namespace, String name) {
    Optional<ObjectNode> found = images.get(kind == Kind.VIRTUAL_IMAGE ? namespace : null, name);
    if (found.isEmpty()) {
      return null;
    }
    ObjectNode image = found.get();
    String uid = image.path("metadata").path("uid").asText();
    Optional<AgentClient> agent = ctx.anyAgent();
    if (agent.isEmpty()) {
      return Duration.ofSeconds(2);
    }
    Optional<JsonNode> file = agent.get().storageObject("images", uid);
    if (file.isPresent()) {
      jobs.remove(uid);
      status(image, "Ready", "100%", file.get(), "");
      return null;
    }
    JsonNode source = image.path("spec").path("dataSource");
    if (!source.path("type").asText().equals("HTTP")) {
      status(image, "WaitForUserUpload", null, null, "waiting for the image file in the pool");
      return Duration.ofSeconds(5);
    }
    String jobId = jobs.get(uid);
    JsonNode job = jobId == null ? null : agent.get().job(jobId).orElse(null);
    if (job == null) {
      ObjectNode request = JsonNodeFactory.instance.objectNode().put("kind", "image").put("uid", uid)
          .put("url", source.path("http").path("url").asText());
      job = agent.get().importImage(request);
      jobs.put(uid, job.path("id").asText());
    }
    switch (job.path("state").asText()) {
      case "Failed" -> {
        jobs.remove(uid);
        status(image, "Failed", null, null, job.path("error").asText());
        return null;
      }
      case "Succeeded" -> {
        return Duration.ZERO;
      }
      default -> {
        long total = job.path("bytesTotal").asLong(0);
        String progress = total > 0 ? (job.path("bytesDone").asLong() * 100 / total) + "%" : null;
        status(image, "Provisioning", progress, null, "importing " + source.path("http").path("url").asText());
        return Duration.ofSeconds(1);
      }
    }
  }

  private void status(ObjectNode image, String phase, String progress, JsonNode file, String message) {
    ObjectNode status = image.path("status").isObject() ? ((ObjectNode) image.path("status")).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    status.put("phase", phase);
    if (progress != null) {
      status.put("progress", progress);
    }
    if (file != null) {
      String format = file.path("format").asText();
      status.put("format", format).put("cdrom", format.equals("iso"));
      status.putObject("size").put("stored", mib(file.path("actualSize").asLong()))
          .put("storedBytes", file.path("actualSize").asText())
          .put("unpacked", mib(file.path("virtualSize").asLong()))
          .put("unpackedBytes", file.path("virtualSize").asText());
    }
    status.put("observedGeneration", image.path("metadata").path("generation").asLong(1));
    Conditions c = new Conditions(image.path("status").path("conditions"),
        image.path("metadata").path("generation").asLong(1), Instant.now());
    c.set("Ready", phase.equals("Ready"), phase, message);
    status.set("conditions", c.toArray());
    if (status.equals(image.path("status"))) {
      return;
    }
    ObjectNode copy = image.deepCopy();
    copy.set("status", status);
    images.updateStatus(copy);
  }

  private static String mib(long bytes) {
    return (bytes + 1024 * 1024 - 1) / (1024 * 1024) + "Mi";
  }
}

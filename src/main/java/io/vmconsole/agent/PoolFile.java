package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent says of a file in a storage pool (a disk or an image, node-agent/API.md "storage"):
 * where it is, its format (qcow2, raw, iso), and its virtual and allocated sizes in bytes.
 */
public record PoolFile(String path, String format, long virtualSize, long actualSize) {
  public static PoolFile of(JsonNode info) {
    return new PoolFile(
        info.path("path").asText(),
        info.path("format").asText("qcow2"),
        info.path("virtualSize").asLong(),
        info.path("actualSize").asLong());
  }

  public boolean isIso() {
    return format.equals("iso");
  }
}

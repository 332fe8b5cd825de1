package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code GET /v1/storage/<kind>/{uid}} answers, from {@code qemu-img info}.
 *
 * @param format qcow2, raw or iso (an ISO is raw to QEMU)
 * @param backingFile absolute path of the backing image, or null
 */
public record ImageInfo(
    String uid,
    String kind,
    String pool,
    String path,
    String format,
    long virtualSize,
    long actualSize,
    String backingFile,
    String backingFormat) {

  static ImageInfo of(Pools.PoolFile file, JsonNode info) {
    return new ImageInfo(
        file.uid(),
        file.kind().noun(),
        file.pool().name(),
        file.path().toString(),
        file.format(),
        info.path("virtual-size").asLong(),
        info.path("actual-size").asLong(),
        text(info, "full-backing-filename", "backing-filename"),
        text(info, "backing-filename-format"));
  }

  private static String text(JsonNode info, String... names) {
    for (String name : names) {
      if (info.hasNonNull(name)) {
        return info.get(name).asText();
      }
    }
    return null;
  }
}

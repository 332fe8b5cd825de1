package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots: a header frame {@code {"snapshot":1,"rv":N,"count":C}}, C entries, a trailer frame
 * {@code {"end":C}}. Written to a temporary name, forced, then renamed; one without its trailer (a
 * crash while writing) is not a snapshot and is ignored.
 */
final class Snapshots {

  /** An object in a snapshot. */
  record Entry(ObjectKey key, ObjectNode object) {}

  /** A snapshot read back: the store's resourceVersion when it was taken, and every object. */
  record Loaded(long resourceVersion, List<Entry> entries) {}

  private static final int BATCH_BYTES = 1 << 20;

  private Snapshots() {}

  static void write(
      StorageDevice device, Path dir, long number, long resourceVersion, List<Entry> entries)
      throws IOException {
    Path target = StoreFiles.snapshot(dir, number);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    device.delete(tmp);
    Frames frames = new Frames();
    try (StorageDevice.AppendFile file = device.append(tmp)) {
      frames.add(
          json -> {
            json.writeStartObject();
            json.writeNumberField("snapshot", 1);
            json.writeNumberField("rv", resourceVersion);
            json.writeNumberField("count", entries.size());
            json.writeEndObject();
          });
      for (Entry e : entries) {
        frames.add(
            json ->
                Records.write(
                    json,
                    e.object().path("metadata").path("resourceVersion").asLong(),
                    e.key(),
                    e.object()));
        if (frames.size() >= BATCH_BYTES) {
          file.write(frames.bytes());
          frames.clear();
        }
      }
      frames.add(
          json -> {
            json.writeStartObject();
            json.writeNumberField("end", entries.size());
            json.writeEndObject();
          });
      file.write(frames.bytes());
      file.force();
    }
    device.rename(tmp, target);
    device.syncDirectory(dir);
  }

  /** The snapshot in {@code file}, or null when it is incomplete or damaged. */
  static Loaded read(StorageDevice device, Path file) throws IOException {
    Frames.Reader reader = new Frames.Reader(device.read(file));
    JsonNode header = reader.next();
    if (header == null || header.path("snapshot").asInt() != 1) {
      return null;
    }
    int count = header.path("count").asInt(-1);
    List<Entry> entries = new ArrayList<>(Math.max(count, 0));
    for (int i = 0; i < count; i++) {
      JsonNode record = reader.next();
      ObjectNode object = record == null ? null : Records.object(record);
      if (object == null) {
        return null;
      }
      entries.add(new Entry(Records.key(record), object));
    }
    JsonNode trailer = reader.next();
    if (trailer == null || trailer.path("end").asInt(-1) != count) {
      return null;
    }
    return new Loaded(header.path("rv").asLong(), entries);
  }
}

package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Reads the store back at start: the newest complete snapshot, then every log segment after it, in
 * order, up to the last intact frame. Only the last segment may end in a torn frame (the crash came
 * while it was being written): it is cut there. Damage anywhere else means acknowledged writes are
 * gone, and the server refuses to start rather than serve a silently older state.
 */
final class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

  private final WriteAheadLog.Cut state;
  private final long nextSegment;
  private final long logBytes;

  private Recovery(WriteAheadLog.Cut state, long nextSegment, long logBytes) {
    this.state = state;
    this.nextSegment = nextSegment;
    this.logBytes = logBytes;
  }

  /** Every object recovered, and the highest resourceVersion ever given (removals included). */
  WriteAheadLog.Cut state() {
    return state;
  }

  /** The number of the segment to write next (a new one each start). */
  long nextSegment() {
    return nextSegment;
  }

  /** Bytes of log read after the snapshot: what the next snapshot will save recovery. */
  long logBytes() {
    return logBytes;
  }

  static Recovery run(StorageDevice device, Path dir) throws IOException {
    List<Path> files = StoreFiles.list(dir);
    for (Path f : files) {
      if (f.getFileName().toString().endsWith(".tmp")) {
        device.delete(f);
      }
    }
    long covered = 0;
    long rv = 0;
    Map<String, Snapshots.Entry> objects = new LinkedHashMap<>();
    for (int i = files.size() - 1; i >= 0; i--) {
      Path f = files.get(i);
      OptionalLong n = StoreFiles.snapshotNumber(f);
      if (n.isEmpty()) {
        continue;
      }
      Snapshots.Loaded snapshot = Snapshots.read(device, f);
      if (snapshot == null) {
        LOG.warning("ignoring the incomplete snapshot " + f.getFileName());
        continue;
      }
      covered = n.getAsLong();
      rv = snapshot.resourceVersion();
      for (Snapshots.Entry e : snapshot.entries()) {
        objects.put(e.key().sortKey(), e);
      }
      break;
    }
    List<Path> segments = new ArrayList<>();
    long last = covered - 1;
    for (Path f : files) {
      OptionalLong n = StoreFiles.segmentNumber(f);
      if (n.isPresent() && n.getAsLong() >= covered) {
        segments.add(f);
        last = Math.max(last, n.getAsLong());
      }
    }
    long bytes = 0;
    for (int i = 0; i < segments.size(); i++) {
      Path segment = segments.get(i);
      byte[] content = device.read(segment);
      Frames.Reader reader = new Frames.Reader(content);
      for (JsonNode record = reader.next(); record != null; record = reader.next()) {
        rv = Math.max(rv, Records.resourceVersion(record));
        ObjectKey key = Records.key(record);
        ObjectNode object = Records.object(record);
        if (object == null) {
          objects.remove(key.sortKey());
        } else {
          objects.put(key.sortKey(), new Snapshots.Entry(key, object));
        }
      }
      if (reader.damagedAfter()) {
        if (i < segments.size() - 1) {
          throw new IOException(
              "the API store's log "
                  + segment
                  + " is damaged at byte "
                  + reader.position()
                  + " of "
                  + content.length
                  + ", and later segments follow: acknowledged writes would be lost. Restore the"
                  + " data directory from a backup");
        }
        LOG.warning(
            "cutting the torn end of "
                + segment.getFileName()
                + " at byte "
                + reader.position()
                + " (the last write before a crash, never acknowledged)");
        device.truncate(segment, reader.position());
      }
      bytes += reader.position();
    }
    return new Recovery(
        new WriteAheadLog.Cut(List.of(), rv, List.copyOf(objects.values())),
        Math.max(last + 1, 1),
        bytes);
  }

  @Override
  public String toString() {
    return state.entries().size()
        + " objects, resourceVersion "
        + state.resourceVersion()
        + ", "
        + logBytes
        + " bytes of log";
  }
}

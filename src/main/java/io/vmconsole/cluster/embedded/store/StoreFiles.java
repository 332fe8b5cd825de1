package io.vmconsole.cluster.embedded.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the store's files: log segments {@code wal-<n>.log}, written in order, and snapshots
 * {@code snapshot-<n>.snap}, each holding the state after every segment numbered below {@code n}.
 */
final class StoreFiles {

  private static final Pattern SEGMENT = Pattern.compile("wal-(\\d{16})\\.log");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{16})\\.snap");

  private StoreFiles() {}

  static Path segment(Path dir, long number) {
    return dir.resolve(String.format("wal-%016d.log", number));
  }

  static Path snapshot(Path dir, long number) {
    return dir.resolve(String.format("snapshot-%016d.snap", number));
  }

  static OptionalLong segmentNumber(Path file) {
    return number(SEGMENT, file);
  }

  static OptionalLong snapshotNumber(Path file) {
    return number(SNAPSHOT, file);
  }

  private static OptionalLong number(Pattern pattern, Path file) {
    Matcher m = pattern.matcher(file.getFileName().toString());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}

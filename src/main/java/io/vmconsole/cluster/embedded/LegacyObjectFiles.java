package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The layout before the log: one file per object under {@code <data>/objects}, named after the
 * object's URL. Read once, into the store, then renamed to {@code objects.migrated} (which may be
 * deleted). A crash during the migration leaves the directory in place, and the next start migrates
 * it again: storing the same object twice changes nothing.
 */
final class LegacyObjectFiles {

  private static final Logger LOG = Logger.getLogger(LegacyObjectFiles.class.getName());

  private LegacyObjectFiles() {}

  /** Moves every object of {@code <dataDirectory>/objects} into the store; answers how many. */
  static int migrate(Path dataDirectory, ObjectStore store) throws IOException {
    Path directory = dataDirectory.resolve("objects");
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    int count = 0;
    for (Path f : files) {
      String name = f.getFileName().toString();
      ApiPath path =
          ApiPath.parse(
              URLDecoder.decode(name.substring(0, name.length() - 5), StandardCharsets.UTF_8));
      JsonNode object = Patches.JSON.readTree(f.toFile());
      if (path == null || path.name() == null || !(object instanceof ObjectNode o)) {
        LOG.warning("skipping " + f + ": not an object this server stored");
        continue;
      }
      store.write(
          () -> {
            store.restore(path.key(), o);
            return null;
          });
      count++;
    }
    store.whenDurable().join();
    Path done = dataDirectory.resolve("objects.migrated");
    if (Files.exists(done)) {
      throw new IOException(done + " exists already: move it away to migrate " + directory);
    }
    Files.move(directory, done);
    LOG.info(
        () ->
            "moved "
                + files.size()
                + " objects from the old layout ("
                + directory
                + ") into the store; the old files are kept in "
                + done);
    return count;
  }
}

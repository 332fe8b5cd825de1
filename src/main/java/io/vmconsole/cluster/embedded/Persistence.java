package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One file per object under {@code <dataDir>/objects}, named after the object's URL. Changes arrive
 * under the dispatcher's write lock, so they are only recorded there (latest state per object wins)
 * and written by a flusher every 100 ms and on close: a burst of writes to one object costs one
 * file.
 */
final class Persistence implements EmbeddedDispatcher.ChangeListener, AutoCloseable {

  private static final long FLUSH_MILLIS = 100;

  private final Path directory;
  private final Map<String, Optional<ObjectNode>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "embedded-api-persistence");
            t.setDaemon(true);
            return t;
          });

  Persistence(Path dataDirectory) {
    this.directory = dataDirectory.resolve("objects");
    try {
      OwnerOnly.directories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every stored object back: (object URL, object). */
  void load(BiConsumer<String, ObjectNode> sink) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
        String name = f.getFileName().toString();
        String url =
            URLDecoder.decode(name.substring(0, name.length() - 5), StandardCharsets.UTF_8);
        JsonNode n = Patches.JSON.readTree(f.toFile());
        if (n instanceof ObjectNode o) {
          sink.accept(url, o);
        }
      }
    }
  }

  void start() {
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void changed(
      ApiPath object, ObjectNode oldObject, ObjectNode newObject, ObjectNode finalState) {
    pending.put(object.objectUrl(), Optional.ofNullable(newObject));
  }

  synchronized void flush() throws IOException {
    for (String url : pending.keySet()) {
      Optional<ObjectNode> state = pending.remove(url);
      if (state == null) {
        continue;
      }
      Path file = directory.resolve(URLEncoder.encode(url, StandardCharsets.UTF_8) + ".json");
      try {
        if (state.isEmpty()) {
          Files.deleteIfExists(file);
        } else {
          OwnerOnly.write(file, state.get().toString());
        }
      } catch (IOException e) {
        // Re-queue unless a newer state arrived meanwhile, so the next tick retries.
        pending.putIfAbsent(url, state);
        throw e;
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      // Kept pending changes are retried on the next tick; a full disk must not kill the flusher.
      System.getLogger(Persistence.class.getName())
          .log(System.Logger.Level.WARNING, "flush failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}

package io.vmconsole.cluster.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise: a write is acknowledged only once the force that covers it has returned; one
 * force covers the writes that gathered while the previous one ran; after a crash that loses every
 * byte not forced, everything acknowledged is read back.
 */
class ObjectStoreCrashTest {

  private static final int WRITERS = 8;

  @TempDir Path dir;

  @Test
  void eightWritersAreAcknowledgedOnlyOnceForcedAndEveryAcknowledgedWriteSurvivesACrash()
      throws Exception {
    CrashableDevice device = new CrashableDevice(1, TimeUnit.MILLISECONDS);
    // A small snapshot size, so that snapshots are cut (and torn by the crash) during the test.
    ObjectStore store = ObjectStore.open(dir, new ObjectStore.Settings(device, 48 * 1024));
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicLong lastHeard = new AtomicLong();
    store.addListener(
        c -> {
          if (!device.isDurable(c.key(), c.resourceVersion())) {
            violations.add("watchers heard of " + c.key() + " before it was forced");
          }
          if (c.resourceVersion() <= lastHeard.getAndSet(c.resourceVersion())) {
            violations.add(
                "watchers heard resourceVersion " + c.resourceVersion() + " out of order");
          }
        });
    // key -> resourceVersion acknowledged (0: acknowledged as removed)
    Map<ObjectKey, Long> acknowledged = new ConcurrentHashMap<>();
    Set<ObjectKey> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger acks = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  boolean removal = i % 7 == 6;
                  // Every 5th write updates one of this writer's earlier objects, every 7th removes
                  // one.
                  ObjectKey key = key(writer, i % 5 == 4 || removal ? i / 2 : i);
                  inFlight.add(key);
                  long rv;
                  try {
                    rv =
                        store.write(
                            () -> {
                              if (removal) {
                                if (store.get(key) == null) {
                                  return -1L;
                                }
                                store.remove(key, store.get(key).deepCopy());
                              } else {
                                store.put(key, object(key, writer));
                              }
                              return store.resourceVersion();
                            });
                    store.whenDurable().join();
                  } catch (StoreFailedException | CompletionException e) {
                    return;
                  }
                  if (rv > 0 && !device.isDurable(key, rv)) {
                    violations.add(key + "@" + rv + " was acknowledged before it was forced");
                  }
                  acknowledged.put(
                      key, rv < 0 ? acknowledged.getOrDefault(key, 0L) : removal ? 0 : rv);
                  acks.incrementAndGet();
                  inFlight.remove(key);
                }
              },
              "writer-" + w);
      writers.add(t);
      t.start();
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> acks.get() >= 4000);
    device.crash();
    stop.set(true);
    for (Thread t : writers) {
      t.join();
    }
    long forces = store.forces();
    int acked = acks.get();
    assertThat(violations).isEmpty();
    assertThat(forces)
        .as("one force covers the writes that gathered meanwhile (%d acknowledgements)", acked)
        .isLessThanOrEqualTo(acked / 2);

    try (ObjectStore recovered = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      long highest = 0;
      for (Map.Entry<ObjectKey, Long> a : acknowledged.entrySet()) {
        if (inFlight.contains(a.getKey())) {
          continue;
        }
        ObjectNode found = recovered.read(() -> recovered.get(a.getKey()));
        if (a.getValue() == 0) {
          assertThat(found).as("%s was acknowledged as removed", a.getKey()).isNull();
        } else {
          assertThat(found).as("%s was acknowledged", a.getKey()).isNotNull();
          assertThat(ObjectStore.resourceVersionOf(found)).isEqualTo(a.getValue());
          assertThat(found.path("data").path("writer").asText()).isNotEmpty();
          highest = Math.max(highest, a.getValue());
        }
      }
      assertThat(recovered.read(recovered::resourceVersion)).isGreaterThanOrEqualTo(highest);
      ObjectKey next = key(99, 0);
      long rv =
          recovered.write(
              () -> {
                recovered.put(next, object(next, 99));
                return recovered.resourceVersion();
              });
      assertThat(rv).as("resourceVersions only grow").isGreaterThan(highest);
      recovered.whenDurable().join();
    }
  }

  @Test
  void aTornLastFrameIsCutAndTheStoreGoesOn() throws Exception {
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      for (int i = 0; i < 3; i++) {
        write(store, key(1, i));
      }
    }
    Path segment = lastSegment();
    // Half a frame: a length promising more bytes than follow.
    Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, '{'}, StandardOpenOption.APPEND);
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      assertThat(store.read(store::size)).isEqualTo(3);
      write(store, key(1, 3));
    }
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      assertThat(store.read(store::size)).isEqualTo(4);
    }
  }

  @Test
  void damageBeforeTheLastSegmentRefusesToStartAndNamesTheFile() throws Exception {
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      write(store, key(1, 0));
      write(store, key(1, 1));
    }
    Path first = lastSegment();
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      write(store, key(1, 2));
    }
    byte[] bytes = Files.readAllBytes(first);
    bytes[bytes.length - 3] ^= 0x55;
    Files.write(first, bytes);
    assertThatThrownBy(() -> ObjectStore.open(dir, ObjectStore.Settings.DEFAULT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(first.getFileName().toString())
        .hasMessageContaining("damaged");
  }

  @Test
  void snapshotsReplaceTheLogTheyCoverAndKeepEveryObject() throws Exception {
    try (ObjectStore store =
        ObjectStore.open(dir, new ObjectStore.Settings(StorageDevice.DISK, 16 * 1024))) {
      for (int i = 0; i < 1000; i++) {
        write(store, key(i % 3, i));
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.count()).as("old segments and snapshots are deleted").isLessThan(6);
    }
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      assertThat(store.read(store::size)).isEqualTo(1000);
      assertThat(store.read(store::resourceVersion)).isEqualTo(1000);
    }
  }

  @Test
  void aNamespaceIndexFindsEveryKindInIt() throws Exception {
    try (ObjectStore store = ObjectStore.open(dir, ObjectStore.Settings.DEFAULT)) {
      ObjectKey vm = new ObjectKey("virtualization.deckhouse.io", "virtualmachines", "a", "x");
      ObjectKey secret = new ObjectKey("", "secrets", "a", "x");
      ObjectKey other = new ObjectKey("", "secrets", "b", "x");
      ObjectKey node = new ObjectKey("", "nodes", null, "n1");
      for (ObjectKey k : List.of(vm, secret, other, node)) {
        write(store, k);
      }
      assertThat(store.read(() -> store.inNamespace("a"))).containsExactlyInAnyOrder(vm, secret);
      store.write(
          () -> {
            store.remove(secret, store.get(secret).deepCopy());
            return null;
          });
      assertThat(store.read(() -> store.inNamespace("a"))).containsExactly(vm);
      assertThat(
              store.read(
                  () ->
                      store.scan(ObjectKey.kindPrefix("", "secrets"), null, 0, o -> true).items()))
          .hasSize(1);
    }
  }

  private Path lastSegment() throws IOException {
    List<Path> segments =
        StoreFiles.list(dir).stream().filter(f -> StoreFiles.segmentNumber(f).isPresent()).toList();
    return segments.get(segments.size() - 1);
  }

  private static void write(ObjectStore store, ObjectKey key) {
    store.write(
        () -> {
          store.put(key, object(key, 0));
          return null;
        });
    store.whenDurable().join();
  }

  private static ObjectKey key(int writer, int i) {
    return new ObjectKey("test.io", "things", "ns-" + (writer % 2), "w" + writer + "-" + i);
  }

  private static ObjectNode object(ObjectKey key, int writer) {
    ObjectNode o = Frames.JSON.createObjectNode();
    o.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
    o.putObject("data").put("writer", "w" + writer).put("padding", "x".repeat(64));
    return o;
  }
}

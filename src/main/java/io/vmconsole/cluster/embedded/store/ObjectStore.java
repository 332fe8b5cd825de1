package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The embedded API server's objects: an in-memory index (sorted by {@link ObjectKey#sortKey()}, so
 * a kind, or a kind in one namespace, is one range; plus the keys of each namespace), made durable
 * by a {@link WriteAheadLog} with group commit and periodic snapshots. See DESIGN.md beside this
 * file.
 *
 * <p>Writers change the index under {@link #write}; the change is queued for the log in the same
 * step, so the log's order is the resourceVersion order. A change is visible to later reads and
 * writes at once (a second write must see the first to detect conflicts), but the API answers a
 * request only once {@link #whenDurable()} completes, and watches hear of a change only once it is
 * on disk: nobody is told of anything a crash could take back.
 */
public final class ObjectStore implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ObjectStore.class.getName());

  /** Told of every change once it is durable, in order, on the log's thread: return quickly. */
  public interface Listener {
    void changed(Change change);
  }

  /** A page of a range scan; {@code lastKey} is set when more objects follow. */
  public record Page(List<ObjectNode> items, String lastKey) {}

  /** How the store keeps its files. */
  public record Settings(StorageDevice device, long snapshotEveryBytes) {
    public static final Settings DEFAULT = new Settings(StorageDevice.DISK, 64L << 20);
  }

  /**
   * One object's place in the index. An update replaces the object in its slot, so it costs one
   * hash lookup: the sorted map's string comparisons (keys share long prefixes) are paid only when
   * an object comes or goes. Changed under the write lock only.
   */
  private static final class Stored {
    private final ObjectKey key;
    private ObjectNode object;

    Stored(ObjectKey key, ObjectNode object) {
      this.key = key;
      this.object = object;
    }

    ObjectKey key() {
      return key;
    }

    ObjectNode object() {
      return object;
    }
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Stored> slots = new HashMap<>();
  // The same slots in key order: a kind, or a kind in one namespace, is one range of it.
  private final TreeMap<String, Stored> byKey = new TreeMap<>();
  private final Map<String, TreeSet<String>> byNamespace = new HashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final WriteAheadLog log;
  private long resourceVersion;

  private ObjectStore(WriteAheadLog.Cut recovered, WriteAheadLogFactory logs) throws IOException {
    for (Snapshots.Entry e : recovered.entries()) {
      index(e.key(), e.object());
    }
    this.resourceVersion = recovered.resourceVersion();
    this.log = logs.open();
    log.start(
        new WriteAheadLog.Owner() {
          @Override
          public void durable(List<Change> batch) {
            for (Change c : batch) {
              for (Listener l : listeners) {
                l.changed(c);
              }
            }
          }

          @Override
          public WriteAheadLog.Cut cut() {
            return write(
                () ->
                    new WriteAheadLog.Cut(
                        log.drainPending(),
                        resourceVersion,
                        byKey.values().stream()
                            .map(s -> new Snapshots.Entry(s.key(), s.object()))
                            .toList()));
          }
        });
  }

  private interface WriteAheadLogFactory {
    WriteAheadLog open() throws IOException;
  }

  /** Opens the store in {@code dir} (created if missing), recovering what it holds. */
  public static ObjectStore open(Path dir, Settings settings) throws IOException {
    OwnerOnly.directories(dir);
    Recovery recovery = Recovery.run(settings.device(), dir);
    LOG.fine(() -> "API store recovered: " + recovery);
    return new ObjectStore(
        recovery.state(),
        () ->
            new WriteAheadLog(
                settings.device(),
                dir,
                recovery.nextSegment(),
                recovery.logBytes(),
                settings.snapshotEveryBytes()));
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Runs {@code task} while no write can change the store. */
  public <T> T read(Supplier<T> task) {
    return locked(lock.readLock(), task);
  }

  /** Runs {@code task} as the only one changing the store; refused once the store has failed. */
  public <T> T write(Supplier<T> task) {
    Throwable failure = log.failure();
    if (failure != null) {
      throw new StoreFailedException(failure);
    }
    return locked(lock.writeLock(), task);
  }

  /**
   * Completes once everything the store holds now is durable: the moment the API may answer a
   * request that wrote, or read, that state.
   */
  public CompletableFuture<Void> whenDurable() {
    return log.whenDurable();
  }

  // ---- under read() or write() ----

  public ObjectNode get(ObjectKey key) {
    Stored s = slots.get(key.sortKey());
    return s == null ? null : s.object();
  }

  /** The store's resourceVersion: that of its latest change. */
  public long resourceVersion() {
    return resourceVersion;
  }

  /**
   * Stores {@code object} under {@code key}, stamped with the next resourceVersion (written into
   * its {@code metadata.resourceVersion}); the object must not change afterwards.
   */
  public void put(ObjectKey key, ObjectNode object) {
    requireWriteLock();
    long rv = ++resourceVersion;
    object.with("metadata").put("resourceVersion", Long.toString(rv));
    ObjectNode old = index(key, object);
    log.append(new Change(rv, key, old, object, object));
  }

  /**
   * Stores an object brought from elsewhere (an older layout) as it is, resourceVersion included;
   * the store's own resourceVersion moves past it.
   */
  public void restore(ObjectKey key, ObjectNode object) {
    requireWriteLock();
    long rv = resourceVersionOf(object);
    resourceVersion = Math.max(resourceVersion, rv);
    ObjectNode old = index(key, object);
    log.append(new Change(rv, key, old, object, object));
  }

  /**
   * Removes {@code key}; {@code finalState} (the object as last seen, which watches report as
   * DELETED) is stamped with the removal's resourceVersion.
   */
  public void remove(ObjectKey key, ObjectNode finalState) {
    requireWriteLock();
    long rv = ++resourceVersion;
    finalState.with("metadata").put("resourceVersion", Long.toString(rv));
    ObjectNode old = unindex(key);
    log.append(new Change(rv, key, old, null, finalState));
  }

  /**
   * Objects whose sort key starts with {@code prefix}, after {@code afterKey}, at most {@code
   * limit} (0 = all), that pass {@code filter}.
   */
  public Page scan(
      String prefix, String afterKey, int limit, Predicate<? super ObjectNode> filter) {
    NavigableMap<String, Stored> range =
        byKey.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    if (afterKey != null) {
      range = range.tailMap(afterKey, false);
    }
    List<ObjectNode> items = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, Stored> e : range.entrySet()) {
      if (!filter.test(e.getValue().object())) {
        continue;
      }
      if (limit > 0 && items.size() == limit) {
        return new Page(items, last);
      }
      items.add(e.getValue().object());
      last = e.getKey();
    }
    return new Page(items, null);
  }

  /** The keys of every object in {@code namespace}, of every kind. */
  public List<ObjectKey> inNamespace(String namespace) {
    Set<String> keys = byNamespace.getOrDefault(namespace, new TreeSet<>());
    return keys.stream().map(k -> slots.get(k).key()).toList();
  }

  public int size() {
    return byKey.size();
  }

  /** How often the log forced its file so far (benchmarks print it beside the writes). */
  public long forces() {
    return log.forces();
  }

  private ObjectNode index(ObjectKey key, ObjectNode object) {
    String k = key.sortKey();
    Stored slot = slots.get(k);
    if (slot != null) {
      ObjectNode old = slot.object;
      slot.object = object;
      return old;
    }
    slot = new Stored(key, object);
    slots.put(k, slot);
    byKey.put(k, slot);
    if (key.namespace() != null) {
      byNamespace.computeIfAbsent(key.namespace(), n -> new TreeSet<>()).add(k);
    }
    return null;
  }

  private ObjectNode unindex(ObjectKey key) {
    String k = key.sortKey();
    Stored old = slots.remove(k);
    byKey.remove(k);
    if (key.namespace() != null) {
      TreeSet<String> keys = byNamespace.get(key.namespace());
      if (keys != null) {
        keys.remove(k);
        if (keys.isEmpty()) {
          byNamespace.remove(key.namespace());
        }
      }
    }
    return old == null ? null : old.object();
  }

  private void requireWriteLock() {
    if (!lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("the store changes only under write()");
    }
  }

  static long resourceVersionOf(JsonNode object) {
    return object.path("metadata").path("resourceVersion").asLong();
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  private static <T> T locked(Lock l, Supplier<T> task) {
    l.lock();
    try {
      return task.get();
    } finally {
      l.unlock();
    }
  }
}

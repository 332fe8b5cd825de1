package io.vmconsole.nodeagent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pools of this agent and the only place that turns (pool, kind, uid) into a path. Every path
 * the storage code touches comes from here or passed {@link #requireInside}.
 */
public final class Pools {
  static final List<String> FORMATS = List.of("qcow2", "raw", "iso");

  private final List<StoragePool> all;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();

  private Pools(List<StoragePool> all) {
    this.all = List.copyOf(all);
  }

  /**
   * @param local null when the node has no local pool
   */
  public static Pools open(Path shared, Path local) {
    List<StoragePool> pools = new ArrayList<>();
    pools.add(StoragePool.open(StoragePool.SHARED, shared));
    if (local != null) {
      pools.add(StoragePool.open(StoragePool.LOCAL, local));
    }
    return new Pools(pools);
  }

  public List<StoragePool> all() {
    return all;
  }

  /** The named pool; null or empty means shared. */
  public StoragePool pool(String name, String field) {
    String wanted = name == null || name.isEmpty() ? StoragePool.SHARED : name;
    return all.stream()
        .filter(p -> p.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                StorageError.badRequest(
                    field,
                    StoragePool.LOCAL.equals(wanted)
                        ? "this node has no local pool"
                        : field + " must be shared or local"));
  }

  public Path file(StoragePool pool, StorageKind kind, String uid, String format) {
    return pool.dir(kind).resolve(uid + "." + format);
  }

  /** The pool file of that uid, in any pool and format (a uid names one file). */
  public Optional<PoolFile> find(StorageKind kind, String uid) {
    for (StoragePool pool : all) {
      for (String format : FORMATS) {
        Path p = file(pool, kind, uid, format);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(new PoolFile(pool, kind, uid, format, p));
        }
      }
    }
    return Optional.empty();
  }

  public PoolFile require(StorageKind kind, String uid) {
    return find(kind, uid)
        .orElseThrow(() -> StorageError.notFound("no " + kind.noun() + " with uid " + uid));
  }

  /**
   * Reserves a uid for a file about to be written: 409 if it exists or another call is writing it.
   * Release with {@link #release} whatever the outcome.
   */
  public void claim(StorageKind kind, String uid) {
    hold(kind, uid);
    if (find(kind, uid).isPresent()) {
      release(kind, uid);
      throw StorageError.conflict(kind.noun() + " " + uid + " already exists");
    }
  }

  /** Keeps other calls of this agent off the uid (e.g. during a delete); 409 if one is on it. */
  public void hold(StorageKind kind, String uid) {
    if (!claimed.add(kind + "/" + uid)) {
      throw StorageError.conflict(kind.noun() + " " + uid + " is busy with another call");
    }
  }

  public void release(StorageKind kind, String uid) {
    claimed.remove(kind + "/" + uid);
  }

  /**
   * The pool file a caller-supplied path names, or a 400 naming {@code field}. Symlinks are
   * resolved first, so a link inside a pool cannot point outside it.
   */
  public PoolFile requireInside(String path, String field) {
    if (path == null || path.isEmpty() || !Path.of(path).isAbsolute()) {
      throw StorageError.badRequest(field, field + " must be an absolute path");
    }
    Path real;
    try {
      real = Path.of(path).toRealPath();
    } catch (IOException e) {
      throw StorageError.badRequest(field, field + " does not exist or is outside the pools");
    }
    for (StoragePool pool : all) {
      for (StorageKind kind : StorageKind.values()) {
        if (real.getParent().equals(pool.dir(kind))) {
          String name = real.getFileName().toString();
          int dot = name.lastIndexOf('.');
          if (dot > 0
              && SafeId.valid(name.substring(0, dot))
              && FORMATS.contains(name.substring(dot + 1))) {
            return new PoolFile(pool, kind, name.substring(0, dot), name.substring(dot + 1), real);
          }
        }
      }
    }
    throw StorageError.badRequest(field, field + " is outside the pools: " + path);
  }

  /** A file in a pool. */
  public record PoolFile(
      StoragePool pool, StorageKind kind, String uid, String format, Path path) {}
}

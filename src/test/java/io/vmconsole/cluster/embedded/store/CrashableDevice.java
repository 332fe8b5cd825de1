package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The disk as a power cut sees it: {@link #crash()} makes every later call fail and cuts each file
 * back to the bytes last forced. It also decodes each log segment's newly forced frames, so a test
 * can ask whether a key had reached the disk when its write was acknowledged.
 */
final class CrashableDevice implements StorageDevice {

  private final StorageDevice disk = StorageDevice.DISK;
  private final long forceNanos;
  private final Map<Path, Long> forced = new ConcurrentHashMap<>();
  private final Map<Path, Long> decoded = new ConcurrentHashMap<>();
  private final Set<String> durableKeys = ConcurrentHashMap.newKeySet();
  private final AtomicLong forces = new AtomicLong();
  private volatile boolean crashed;

  /** {@code forceLatency}: what each force costs, as a disk's flush would. */
  CrashableDevice(long forceLatency, TimeUnit unit) {
    this.forceNanos = unit.toNanos(forceLatency);
  }

  @Override
  public AppendFile append(Path file) throws IOException {
    alive();
    AppendFile real = disk.append(file);
    forced.putIfAbsent(file, real.size());
    return new AppendFile() {
      @Override
      public void write(ByteBuffer bytes) throws IOException {
        synchronized (CrashableDevice.this) {
          alive();
          real.write(bytes);
        }
      }

      @Override
      public void force() throws IOException {
        alive();
        // A flush takes time on a real disk; writers gather meanwhile, which group commit is for.
        LockSupport.parkNanos(forceNanos);
        synchronized (CrashableDevice.this) {
          alive();
          real.force();
        }
        long size = real.size();
        forced.put(file, size);
        forces.incrementAndGet();
        if (StoreFiles.segmentNumber(file).isPresent()) {
          decodeForced(file, size);
        }
      }

      @Override
      public long size() throws IOException {
        return real.size();
      }

      @Override
      public void close() throws IOException {
        real.close();
      }
    };
  }

  private void decodeForced(Path file, long size) throws IOException {
    long from = decoded.getOrDefault(file, 0L);
    byte[] all = disk.read(file);
    byte[] fresh = java.util.Arrays.copyOfRange(all, (int) from, (int) size);
    Frames.Reader reader = new Frames.Reader(fresh);
    for (JsonNode r = reader.next(); r != null; r = reader.next()) {
      durableKeys.add(Records.key(r).sortKey() + "@" + Records.resourceVersion(r));
    }
    decoded.put(file, from + reader.position());
  }

  /** Whether the log had forced this key at this resourceVersion to disk. */
  boolean isDurable(ObjectKey key, long resourceVersion) {
    return durableKeys.contains(key.sortKey() + "@" + resourceVersion);
  }

  long forces() {
    return forces.get();
  }

  /** Loses every byte not forced; the device refuses all calls from now on. */
  synchronized void crash() throws IOException {
    crashed = true;
    for (Map.Entry<Path, Long> f : forced.entrySet()) {
      if (java.nio.file.Files.exists(f.getKey())) {
        disk.truncate(f.getKey(), f.getValue());
      }
    }
  }

  private void alive() throws IOException {
    if (crashed) {
      throw new IOException("the device is gone (simulated crash)");
    }
  }

  @Override
  public byte[] read(Path file) throws IOException {
    alive();
    return disk.read(file);
  }

  @Override
  public void truncate(Path file, long size) throws IOException {
    alive();
    disk.truncate(file, size);
    forced.put(file, size);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    alive();
    disk.rename(from, to);
    Long f = forced.remove(from);
    if (f != null) {
      forced.put(to, f);
    }
  }

  @Override
  public void delete(Path file) throws IOException {
    alive();
    disk.delete(file);
    forced.remove(file);
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    alive();
    disk.syncDirectory(directory);
  }
}

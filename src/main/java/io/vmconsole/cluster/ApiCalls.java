package io.vmconsole.cluster;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the API requests the IP accessors make, so the benchmark can report calls per allocation.
 */
public final class ApiCalls {
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();

  void one() {
    count.incrementAndGet();
  }

  /** A claim lost to another writer (409 AlreadyExists on the lease). */
  void conflict() {
    conflicts.incrementAndGet();
  }

  public long conflicts() {
    return conflicts.get();
  }

  public long count() {
    return count.get();
  }
}

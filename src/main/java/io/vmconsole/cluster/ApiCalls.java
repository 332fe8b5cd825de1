package io.vmconsole.cluster;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the API requests the IP accessors make, so the benchmark can report calls per allocation. */
public final class ApiCalls {
  private final AtomicLong count = new AtomicLong();

  void one() {
    count.incrementAndGet();
  }

  public long count() {
    return count.get();
  }
}

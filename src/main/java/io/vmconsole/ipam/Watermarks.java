package io.vmconsole.ipam;

import io.vmconsole.api.validation.Ipv4.Cidr;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the search for the lowest free address may start in each CIDR. Without it every Auto
 * allocation walks the pool from its start past every taken address: 10,000 allocations in one CIDR
 * cost 50 million look-ups. Below a CIDR's mark every address was unavailable (leased, being
 * claimed by this process, or lost to another claimer) when it was scanned, and stays so until an
 * address comes free; so the marks hold for one generation (see {@link IpAllocator}), which moves
 * whenever the lease cache loses an address or a claim of this process fails.
 */
final class Watermarks {

  private final Map<Cidr, Long> marks = new HashMap<>();
  private long generation = Long.MIN_VALUE;

  /** Where to start in {@code cidr}; the marks of an older generation are dropped. */
  synchronized long from(Cidr cidr, long currentGeneration) {
    if (currentGeneration != generation) {
      marks.clear();
      generation = currentGeneration;
    }
    return marks.getOrDefault(cidr, Long.MIN_VALUE);
  }

  /** Every address of {@code cidr} below {@code address} was unavailable in that generation. */
  synchronized void reached(Cidr cidr, long address, long generationOfScan) {
    if (generationOfScan == generation) {
      marks.merge(cidr, address, Math::max);
    }
  }
}

package io.vmconsole.ipam;

import io.vmconsole.api.validation.Ipv4;
import io.vmconsole.api.validation.Ipv4.Cidr;
import io.vmconsole.ipam.IpViews.Cell;
import io.vmconsole.ipam.IpViews.PoolMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Draws each CIDR of the pool as the states of its addresses, from the leases' states. */
final class PoolMaps {
  /** A /22: larger CIDRs get their counts only, a map of 64k cells says nothing a count doesn't. */
  static final long MAX_CELLS = 1024;

  private PoolMaps() {}

  /**
   * @param leaseStates lease address → USED or RELEASED
   */
  static List<PoolMap> of(Pool pool, Map<Long, Cell> leaseStates) {
    List<PoolMap> maps = new ArrayList<>();
    for (Cidr c : pool.cidrs()) {
      List<Cell> cells = new ArrayList<>();
      long used = 0;
      long released = 0;
      long free = 0;
      long reserved = 0;
      for (long a = c.first(); a <= c.last(); a++) {
        Cell cell =
            pool.refusal(a).isPresent() ? Cell.RESERVED : leaseStates.getOrDefault(a, Cell.FREE);
        switch (cell) {
          case USED -> used++;
          case RELEASED -> released++;
          case FREE -> free++;
          case RESERVED -> reserved++;
        }
        if (c.size() <= MAX_CELLS) {
          cells.add(cell);
        }
      }
      maps.add(new PoolMap(Pool.text(c), cells, used, released, free, reserved));
    }
    return maps;
  }

  static long address(String ip) {
    return Ipv4.parse(ip).orElse(-1L);
  }
}

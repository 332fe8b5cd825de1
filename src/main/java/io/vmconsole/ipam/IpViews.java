package io.vmconsole.ipam;

import java.time.Instant;
import java.util.List;

/**
 * What the IP screens show: plain records, so views never see the resource classes or the client.
 */
public final class IpViews {
  private IpViews() {}

  /**
   * One vmip: kubectl's columns, plus why it is Pending and whether it outlives its VM.
   *
   * @param keptAfterVm true when it has no owner, so deleting the VM leaves it (keep-IP)
   */
  public record IpRow(
      String namespace,
      String name,
      String type,
      String address,
      String status,
      String vm,
      Instant created,
      String pendingReason,
      boolean keptAfterVm) {}

  /** One vmipl, as {@code kubectl get vmipl} prints it. */
  public record LeaseRow(
      String name, String virtualMachineIPAddress, String status, Instant created) {}

  /** The state of one address on the pool map. */
  public enum Cell {
    FREE,
    USED,
    RELEASED,
    RESERVED
  }

  /**
   * One CIDR and its addresses in order (empty when it is too large to draw cell by cell).
   *
   * @param reserved network, broadcast, gateway and DNS: never handed to a VM
   */
  public record PoolMap(
      String cidr, List<Cell> cells, long used, long released, long free, long reserved) {}
}

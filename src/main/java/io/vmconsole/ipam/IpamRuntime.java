package io.vmconsole.ipam;

import io.vmconsole.cluster.ApiCalls;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.cluster.IpamObjects;
import io.vmconsole.cluster.ModuleConfigs;
import java.time.Clock;

/**
 * IP management assembled without Spring, on any API: the caches, the allocator and the reconciler
 * (no VM handling). For tools that allocate against an API server of their own, such as the
 * benchmark; the console assembles the same parts in {@link IpamConfiguration}.
 */
public final class IpamRuntime implements AutoCloseable {
  private final IpamObjects objects;
  private final ApiCalls calls;
  private final ModuleConfigs modules;
  private final IpLeases leases;
  private final IpAddresses addresses;
  private final IpamReconciler reconciler;
  private final VmAddresses vmAddresses;

  /**
   * @param objects started accessors ({@link IpamObjects#start}); closed with this runtime
   */
  public IpamRuntime(IpamObjects objects, IpamProperties props) {
    this.objects = objects;
    calls = objects.calls();
    modules = objects.modules();
    leases = objects.leases();
    addresses = objects.addresses();
    ClaimExpectations expectations = new ClaimExpectations();
    vmAddresses = new VmAddresses(addresses, modules, expectations);
    reconciler =
        new IpamReconciler(
            addresses,
            leases,
            modules,
            null,
            new IpAllocator(leases, modules, expectations),
            new LeaseSweeper(leases, addresses, props.leaseRetention(), Clock.systemUTC()),
            props);
    reconciler.start();
  }

  /**
   * API requests made by the accessors so far (vmip creates through {@link #addresses()} included).
   */
  public long apiCalls() {
    return calls.count();
  }

  /** Claims lost to another writer (409 on the lease create). */
  public long conflicts() {
    return calls.conflicts();
  }

  public IpAddresses addresses() {
    return addresses;
  }

  /** The VM controller's seam (see {@link VmAddresses}). */
  public VmAddresses vmAddresses() {
    return vmAddresses;
  }

  public IpLeases leases() {
    return leases;
  }

  public int backlog() {
    return reconciler.backlog();
  }

  @Override
  public void close() {
    reconciler.close();
    objects.close();
  }
}

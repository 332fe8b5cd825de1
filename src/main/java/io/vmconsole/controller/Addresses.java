package io.vmconsole.controller;

/**
 * A VM's address until the IP address leases exist (issue 7): a deterministic host of the first
 * virtualMachineCIDR (10.66.10.0/24), from the VM's uid. Two VMs may collide; each VM has its own
 * user-mode network, so a collision is harmless until addresses are leased.
 */
final class Addresses {
  static final String GATEWAY = "10.66.10.1";

  private Addresses() {}

  static String of(String uid) {
    int host = 10 + Math.floorMod(uid.hashCode(), 240);
    return "10.66.10." + host;
  }
}

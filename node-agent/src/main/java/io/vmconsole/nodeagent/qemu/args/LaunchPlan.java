package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.VmSpec;

/**
 * Everything one QEMU process is started from.
 *
 * @param accelerator "kvm" or "tcg"
 * @param sshPort the host loopback port forwarded to the guest's port 22, or null
 * @param hasSeed whether {@link VmFiles#seedImage()} was built for this start
 */
public record LaunchPlan(
    String vmId,
    VmSpec spec,
    NetworkPlan network,
    VmFiles files,
    String accelerator,
    Integer sshPort,
    boolean hasSeed) {}

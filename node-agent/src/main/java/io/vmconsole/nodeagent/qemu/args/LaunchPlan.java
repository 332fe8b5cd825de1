package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.List;

/**
 * Everything one QEMU process is started from.
 *
 * @param accelerator "kvm" or "tcg"
 * @param sshPort the host loopback port forwarded to the guest's port 22, or null
 * @param hasSeed whether {@link VmFiles#seedImage()} was built for this start
 * @param bootOrder the disks' ids in the firmware's boot order ({@link BootOrder})
 */
public record LaunchPlan(
    String vmId,
    VmSpec spec,
    NetworkPlan network,
    VmFiles files,
    String accelerator,
    Integer sshPort,
    boolean hasSeed,
    List<String> bootOrder) {}

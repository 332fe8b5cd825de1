package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.console.ConsoleSessions;
import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The VMs of this agent. The HTTP layer talks only to this interface. Calls throw {@link
 * NotFoundException} for unknown VMs and {@link ConflictException} for calls the VM's state
 * forbids.
 */
public interface VmManager {
  /** Creates or replaces the spec used at the next start; a running VM keeps its QEMU. */
  VmStatus define(String vmId, VmSpec spec);

  /** Completes when QEMU runs (the guest is booting). */
  CompletableFuture<VmStatus> start(String vmId);

  /**
   * Graceful: ACPI power button, forced after {@code timeout}; otherwise QEMU quits at once.
   * Returns right away (state Stopping); the state query and the events tell when it stopped.
   */
  VmStatus stop(String vmId, boolean graceful, Duration timeout);

  CompletableFuture<VmStatus> reset(String vmId);

  /** Force-stops a running VM, then removes its files. */
  CompletableFuture<Void> delete(String vmId);

  List<VmStatus> list();

  VmStatus get(String vmId);

  /** Live when running (cgroup quota), and kept for the next start. */
  VmStatus setCoreFraction(String vmId, int fraction);

  CompletableFuture<VmStatus> attachDisk(String vmId, VmSpec.Disk disk);

  /** Completes on QEMU's DEVICE_DELETED for the disk's device. */
  CompletableFuture<VmStatus> detachDisk(String vmId, String diskId);

  /** The serial hub of a running VM. */
  SerialHub serial(String vmId);

  /** The serial log of a VM, running or not (what the last power-on printed). */
  byte[] serialLog(String vmId);

  /** QEMU's VNC socket and the VNC console's sessions of a running VM. */
  VncTarget vnc(String vmId);

  record VncTarget(Path socket, ConsoleSessions sessions) {}
}

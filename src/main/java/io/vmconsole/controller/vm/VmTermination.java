package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.controller.runtime.ControllerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A deleted VM's way out: Terminating, its QEMU stopped, then its finalizer released. */
final class VmTermination {
  private final ControllerContext ctx;

  /** QEMU pids of VMs being deleted: the object goes only after the process has. */
  private final Map<String, Long> dying = new ConcurrentHashMap<>();

  VmTermination(ControllerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Stops the VM's QEMU (and a target QEMU prepared for its migration), then releases the VM.
   *
   * @return when to look again while QEMU is still going; null once the finalizer is gone
   */
  Duration terminate(VmObject vm) {
    String node = vm.nodeName().orElse(null);
    if (node != null) {
      AgentClient agent =
          ctx.agents()
              .forNode(node)
              .orElseThrow(() -> new AgentException(0, "no agent for node " + node));
      if (!vm.phase().equals(Optional.of(VmPhase.Terminating))) {
        vm =
            ctx.modifyVmStatus(
                    vm,
                    current ->
                        current.status().toBuilder()
                            .stats(
                                VmPhases.stats(
                                    current.status().stats(),
                                    current.phaseText(),
                                    "Terminating",
                                    Instant.now()))
                            .phase("Terminating")
                            .build())
                .orElse(vm);
      }
      String uid = vm.uid();
      ActiveMigration migration = ActiveMigration.of(vm);
      if (migration != null) {
        // A QEMU prepared for an incoming migration goes with the VM too.
        ctx.agents().forNode(migration.target()).ifPresent(t -> t.delete(uid));
      }
      agent.vm(uid).map(AgentVm::pid).ifPresent(pid -> dying.put(uid, pid));
      agent.delete(uid);
      if (agent.vm(uid).isPresent() || qemuAlive(uid)) {
        return Duration.ofMillis(200);
      }
      dying.remove(uid);
    }
    ctx.removeFinalizer(vm);
    return null;
  }

  /**
   * The agent answers a delete once QEMU closed its QMP socket; the process may take a moment more
   * to end. When it runs on this host (the embedded topology), wait for it; its command line names
   * the VM's directory, so a reused pid is not mistaken for it (and a zombie, which has none,
   * counts as gone).
   */
  private boolean qemuAlive(String uid) {
    Long pid = dying.get(uid);
    return pid != null
        && ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .flatMap(p -> p.info().commandLine())
            .map(c -> c.contains(uid))
            .orElse(false);
  }
}

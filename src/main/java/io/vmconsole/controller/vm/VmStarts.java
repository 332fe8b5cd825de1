package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.base.LogSafe;
import io.vmconsole.controller.runtime.AnnotationChanges;
import io.vmconsole.controller.runtime.Annotations;
import io.vmconsole.controller.runtime.ControllerContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting a VM's QEMU on its node: the agent defines the current spec and starts it; a failure
 * backs off and is remembered until a start succeeds, so the status can say why the VM does not
 * run.
 */
final class VmStarts {
  private static final Logger log = LoggerFactory.getLogger(VmStarts.class);

  private final ControllerContext ctx;
  private final Backoff backoff;

  /** Why the last start failed, by uid, until a start succeeds or the VM is not to run. */
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  VmStarts(ControllerContext ctx, Clock clock) {
    this.ctx = ctx;
    this.backoff = new Backoff(clock);
  }

  /** Zero when the VM may be started now; else how long its back-off still runs. */
  Duration remaining(String uid) {
    return backoff.remaining(uid);
  }

  /** The last start's failure, for the Running condition; null when none. */
  String failure(String uid) {
    return failures.get(uid);
  }

  void forgetFailure(String uid) {
    failures.remove(uid);
  }

  /**
   * The guest stopped by itself (a crash, or a power-off under AlwaysOn) and the run policy starts
   * it again: an Event with the guest's reason. The reconciler then shows the phase through
   * Starting, so {@code kubectl get vm -w} and status.stats see the restart (lastStartTime moves).
   */
  void announcePolicyRestart(VmObject vm, AgentVm stopped, String policy) {
    ctx.events()
        .record(
            vm,
            true,
            "RestartedByRunPolicy",
            "the guest stopped ("
                + (stopped.reason() == null ? stopped.state() : stopped.reason())
                + "); runPolicy "
                + policy
                + " starts it again");
  }

  /**
   * Defines the current spec, starts QEMU and remembers the spec it started with. What the agent
   * refuses or fails (a spec it rejects, QEMU exiting, a disk's lock held) is the VM's to show: an
   * Event, the Running condition, and a back-off before the next attempt.
   *
   * @return the VM as the agent runs it; empty when the start failed
   */
  Optional<AgentVm> start(VmObject vm, VmInputs.Resolution inputs, String node, AgentClient agent) {
    String uid = vm.uid();
    Optional<AgentVm> before = agent.vm(uid);
    AgentVm started;
    try {
      agent.define(uid, inputs.agentSpec());
      started = agent.start(uid);
    } catch (AgentException e) {
      if (e.status() != 409) {
        String failure = "the node agent of " + node + " could not start the VM: " + e.getMessage();
        backoff.failed(uid);
        failures.put(uid, failure);
        ctx.events().record(vm, true, "FailedStart", failure);
        log.info("vm {}/{}: {}", vm.namespace(), vm.name(), LogSafe.failure(e));
        return Optional.empty();
      }
      started = agent.vm(uid).orElseThrow();
    }
    backoff.succeeded(uid);
    failures.remove(uid);
    String stoppedSince = before.filter(b -> !b.active()).map(AgentVm::since).orElse(null);
    ctx.annotate(
        vm,
        AnnotationChanges.set(Annotations.POWER, "on")
            .and(Annotations.LAST_STARTED_SPEC, vm.specText())
            .without(Annotations.STOP_FORCE)
            .andIf(stoppedSince != null, Annotations.STOP_HANDLED, stoppedSince));
    log.info("vm {}/{} started, pid {}", vm.namespace(), vm.name(), started.pid());
    return Optional.of(started);
  }
}

package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.events.EventLog;
import io.vmconsole.nodeagent.qemu.CpuCgroup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What the VM helpers share: settings, the event log, and the two executors (blocking work such as
 * process starts and QMP round trips; timers such as stop timeouts and guest-agent polls).
 *
 * @param accelerator "kvm" or "tcg", chosen once per agent by the probe
 */
record VmContext(
    Path vmsDir,
    String qemuBinary,
    String accelerator,
    CpuCgroup cgroup,
    EventLog events,
    Clock clock,
    ExecutorService blocking,
    ScheduledExecutorService timers) {

  /** Daemon threads: they must never keep a stopping agent alive. */
  static VmContext create(
      Path vmsDir, String qemuBinary, String accelerator, CpuCgroup cgroup, EventLog events) {
    ExecutorService blocking = Executors.newCachedThreadPool(daemon("vm-work"));
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("vm-timer"));
    return new VmContext(
        vmsDir, qemuBinary, accelerator, cgroup, events, Clock.systemUTC(), blocking, timers);
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  String now() {
    return clock.instant().toString();
  }

  /**
   * Records a state change on the VM and tells the event stream; call with the VM's monitor held.
   */
  void transition(Vm vm, VmState state, String reason) {
    vm.state = state;
    vm.reason = reason;
    vm.since = now();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("state", state.name());
    data.put("reason", reason);
    if (vm.pid != null && state.active()) {
      data.put("pid", vm.pid);
    }
    events.append(vm.id, "state", data);
  }
}

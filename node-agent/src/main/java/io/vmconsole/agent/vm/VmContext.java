package io.vmconsole.agent.vm;

import io.vmconsole.agent.events.EventLog;
import io.vmconsole.agent.qemu.CpuCgroup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

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

package io.vmconsole.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.controller.vm.PowerPolicy.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runPolicy table of issue 4 §5, row by row, as the controller decides it. */
class PowerPolicyTest {

  static AgentVm agent(String state, String reason) {
    return state.equals("-")
        ? null
        : new AgentVm(
            "u",
            state,
            reason,
            "2026-11-25T00:00:00Z",
            state.equals("Running") ? 1L : null,
            false,
            JsonNodeFactory.instance.objectNode());
  }

  @ParameterizedTest(name = "{0} / {1}: {2} {3} → {5}")
  @CsvSource({
    // policy, power intent, agent state, reason, new stop, expected action, expected intent
    "AlwaysOnUnlessStoppedManually, , -, , false, START, on",
    "AlwaysOnUnlessStoppedManually, on, Stopped, guest powered off, true, NONE, off",
    "AlwaysOnUnlessStoppedManually, on, Crashed, crashed, true, START, on",
    "AlwaysOnUnlessStoppedManually, on, Stopped, stopped by host, true, START, on",
    "AlwaysOnUnlessStoppedManually, off, Running, started, false, STOP, off",
    "AlwaysOnUnlessStoppedManually, off, Stopped, stopped by host, true, NONE, off",
    "AlwaysOnUnlessStoppedManually, on, Stopped, guest powered off, false, START, on",
    "AlwaysOn, , -, , false, START, on",
    "AlwaysOn, on, Stopped, guest powered off, true, START, on",
    "AlwaysOn, on, Crashed, crashed, true, START, on",
    "AlwaysOn, off, Running, started, false, NONE, on",
    "Manual, , -, , false, NONE, off",
    "Manual, on, Stopped, guest powered off, true, NONE, off",
    "Manual, on, Crashed, crashed, true, NONE, off",
    "Manual, off, Running, started, false, STOP, off",
    "Manual, on, Stopped, defined, false, START, on",
    "AlwaysOff, , -, , false, NONE, off",
    "AlwaysOff, on, Running, started, false, STOP, off",
    "AlwaysOn, off, Stopped, stopped by host, false, START, on",
  })
  void table(
      String policy,
      String power,
      String state,
      String reason,
      boolean newStop,
      Action action,
      String intent) {
    PowerPolicy.Decision d = PowerPolicy.decide(policy, power, agent(state, reason), newStop);
    assertThat(d.action()).isEqualTo(action);
    assertThat(d.power()).isEqualTo(intent);
  }
}

package io.vmconsole.controller.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.agent.AgentVmSpec;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.testsupport.SimulatedControlPlane;
import io.vmconsole.testsupport.SimulatedHypervisor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents' VMs the API no longer has: a stopped one goes once stopped for the grace period; a
 * running one and every VM the API has stay.
 */
class AgentSweepTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(1);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  private static AgentVmSpec spec(String namespace, String name) {
    return new AgentVmSpec(
        name, namespace, 1, "10%", 256L << 20, List.of(), null, new AgentVmSpec.Ssh(false), null);
  }

  @Test
  void aStoppedVmTheApiNoLongerHasGoesAfterTheGraceAndOthersStay() {
    String ns = plane.namespace("sweep");
    plane.vm(ns, "kept", "");
    plane.awaitRunning(ns, "kept");
    SimulatedHypervisor host = plane.host("node-1");
    host.define("deleted-after-failed-start", spec(ns, "gone"));
    host.define("running-orphan", spec(ns, "ghost"));
    host.start("running-orphan");
    ControllerContext ctx =
        new ControllerContext(
            new ClusterResources(plane.client), node -> Optional.ofNullable(plane.hosts.get(node)));

    new AgentSweep(ctx, Clock.systemUTC()).sweep();
    assertThat(host.known("deleted-after-failed-start")).isPresent();

    Clock later = Clock.fixed(Instant.now().plus(AgentSweep.GRACE), ZoneOffset.UTC);
    new AgentSweep(ctx, later).sweep();
    assertThat(host.known("deleted-after-failed-start")).isEmpty();
    assertThat(host.known("running-orphan")).isPresent();
    assertThat(host.known(plane.uid(ns, "kept"))).isPresent();
    host.delete("running-orphan");
  }
}

package io.vmconsole.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Status;

class ReadinessIndicatorTest {

  @Test
  void downWithTheReasonWhileThereIsOneAndUpOnceItIsGone() {
    AtomicReference<String> problem = new AtomicReference<>("the watch of VirtualDisk is down");
    ReadinessIndicator indicator =
        new ReadinessIndicator("kubernetesApi", () -> Optional.ofNullable(problem.get()));

    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails())
        .containsEntry("reason", "the watch of VirtualDisk is down");
    problem.set(null);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void withoutAKnownNodeAgentTheConsoleIsNotReady() {
    StaticListableBeanFactory none = new StaticListableBeanFactory();
    StaticListableBeanFactory empty = new StaticListableBeanFactory();
    empty.addBean("agents", directory(List.of()));
    StaticListableBeanFactory one = new StaticListableBeanFactory();
    one.addBean(
        "agents",
        directory(List.of(new AgentEndpoint("node-a", URI.create("http://127.0.0.1:9"), "t"))));

    assertThat(NodeAgentsReadiness.problem(none.getBeanProvider(AgentDirectory.class)))
        .contains("no node agents known: VMs stay Pending");
    assertThat(NodeAgentsReadiness.problem(empty.getBeanProvider(AgentDirectory.class)))
        .contains("no node agents known: VMs stay Pending");
    assertThat(NodeAgentsReadiness.problem(one.getBeanProvider(AgentDirectory.class))).isEmpty();
  }

  private static AgentDirectory directory(List<AgentEndpoint> endpoints) {
    return new AgentDirectory() {
      @Override
      public Optional<AgentEndpoint> endpoint(String nodeName) {
        return endpoints.stream().filter(e -> e.nodeName().equals(nodeName)).findFirst();
      }

      @Override
      public List<AgentEndpoint> all() {
        return endpoints;
      }
    };
  }
}

package io.vmconsole.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default topology (embedded cluster mode only).
 *
 * @param enabled start node agents and seed the default objects (default true)
 * @param nodes the node names, one agent each (default node-1, node-2)
 * @param agentJar the node agent's jar (default node-agent/target/node-agent.jar)
 * @param guestImage the demo guest's disk (default ~/.cache/vm-console/guest-image/disk.qcow2)
 * @param stopVmsOnShutdown stop every VM and agent when the console stops (default false: VMs keep
 *     running across a console restart and the next console re-adopts them)
 * @param agentRestartDelay how long a dead agent stays down before it is started again
 * @param nodeCpu each node's allocatable CPU (a quantity, default "8")
 * @param nodeMemory each node's allocatable memory (default "16Gi")
 */
@ConfigurationProperties("vmconsole.topology")
public record TopologyProperties(
    Boolean enabled,
    List<String> nodes,
    Path agentJar,
    Path guestImage,
    Boolean stopVmsOnShutdown,
    Duration agentRestartDelay,
    String nodeCpu,
    String nodeMemory) {

  public TopologyProperties {
    enabled = enabled == null || enabled;
    nodes = nodes == null || nodes.isEmpty() ? List.of("node-1", "node-2") : nodes;
    agentJar =
        (agentJar == null ? Path.of("node-agent/target/node-agent.jar") : agentJar)
            .toAbsolutePath();
    guestImage =
        guestImage == null
            ? Path.of(System.getProperty("user.home"), ".cache/vm-console/guest-image/disk.qcow2")
            : guestImage;
    stopVmsOnShutdown = stopVmsOnShutdown != null && stopVmsOnShutdown;
    agentRestartDelay = agentRestartDelay == null ? Duration.ofSeconds(2) : agentRestartDelay;
    nodeCpu = nodeCpu == null ? "8" : nodeCpu;
    nodeMemory = nodeMemory == null ? "16Gi" : nodeMemory;
  }
}

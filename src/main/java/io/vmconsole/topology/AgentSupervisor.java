package io.vmconsole.topology;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.agent.HttpAgentClient;
import io.vmconsole.base.LogSafe;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one node agent per node of the embedded topology: re-adopts the agent a previous console
 * left running (never a second one), starts a missing one, and starts it again when it dies (after
 * {@link TopologyProperties#agentRestartDelay()}). Also the console's {@link AgentDirectory}.
 */
public class AgentSupervisor implements AgentDirectory, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentSupervisor.class);

  private final TopologyProperties props;
  private final Path dataDir;
  private final Map<String, AgentProcess> agents = new ConcurrentHashMap<>();
  private final Map<String, Instant> downSince = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "agent-supervisor");
            t.setDaemon(true);
            return t;
          });

  public AgentSupervisor(TopologyProperties props, Path dataDir) {
    this.props = props;
    this.dataDir = dataDir;
    for (String node : props.nodes()) {
      agents.put(
          node, new AgentProcess(node, dataDir.resolve("nodes"), pool(dataDir), props.agentJar()));
    }
  }

  public static Path pool(Path dataDir) {
    return dataDir.resolve("pool");
  }

  public void start() {
    writeConsolePid();
    // <data>/nodes/<node>/vms/<uid>/mig-out.sock, the longest socket an agent makes
    // (node-agent/API.md):
    // QEMU and Java refuse socket paths of 108 bytes or more.
    int longest =
        dataDir.resolve("nodes").toAbsolutePath().toString().length()
            + props.nodes().stream().mapToInt(String::length).max().orElse(0)
            + "/vms/".length()
            + 36
            + "/mig-out.sock".length()
            + 1;
    if (longest >= 108) {
      log.error(
          "the data directory {} is too deep: QEMU's socket paths would be {} bytes (limit 107); VMs "
              + "cannot start or migrate. Use a shorter vmconsole.data-dir",
          dataDir,
          longest);
    }
    agents.values().parallelStream().forEach(this::ensureRunning);
    timer.scheduleWithFixedDelay(this::supervise, 1, 1, TimeUnit.SECONDS);
  }

  /** scripts/stop-all.sh stops the console by this pid before it stops VMs and agents. */
  private void writeConsolePid() {
    try {
      OwnerOnly.write(dataDir.resolve("console.pid"), ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      log.warn("cannot write the console's pid file: {}", e.toString());
    }
  }

  private void supervise() {
    for (AgentProcess agent : agents.values()) {
      if (agent.running().isPresent()) {
        downSince.remove(agent.node());
        continue;
      }
      Instant since =
          downSince.computeIfAbsent(
              agent.node(),
              n -> {
                log.warn("node agent of {} is not running", n);
                return Instant.now();
              });
      if (Instant.now().isAfter(since.plus(props.agentRestartDelay()))) {
        ensureRunning(agent);
      }
    }
  }

  private void ensureRunning(AgentProcess agent) {
    Optional<ProcessHandle> running = agent.running();
    if (running.isPresent()) {
      log.info(
          "node agent of {} still runs (pid {}): re-adopted", agent.node(), running.get().pid());
      return;
    }
    try {
      ProcessHandle started = agent.start(Duration.ofSeconds(60));
      downSince.remove(agent.node());
      log.info(
          "node agent of {} started (pid {}, port {})", agent.node(), started.pid(), agent.port());
    } catch (IOException | RuntimeException e) {
      log.error("cannot start the node agent of {}: {}", agent.node(), e.getMessage());
    }
  }

  @Override
  public Optional<AgentEndpoint> endpoint(String nodeName) {
    AgentProcess agent = agents.get(nodeName);
    if (agent == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new AgentEndpoint(
              nodeName, URI.create("http://127.0.0.1:" + agent.port()), agent.token()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<AgentEndpoint> all() {
    List<AgentEndpoint> all = new ArrayList<>();
    props.nodes().forEach(n -> endpoint(n).ifPresent(all::add));
    return all;
  }

  /** Stops every VM (hard) and then every agent: the clean shutdown of the whole topology. */
  public void stopAll() {
    timer.shutdownNow();
    agents.values().parallelStream().forEach(this::stopAgentAndVms);
  }

  private void stopAgentAndVms(AgentProcess agent) {
    Optional<ProcessHandle> process = agent.running();
    if (process.isEmpty()) {
      return;
    }
    List<Long> pids = new ArrayList<>();
    try {
      AgentClient client = new HttpAgentClient(endpoint(agent.node()).orElseThrow());
      for (AgentVm vm : client.vms()) {
        if (vm.pid() != null) {
          pids.add(vm.pid());
        }
        if (vm.active()) {
          client.stop(vm.vmId(), false, 0);
        }
      }
    } catch (AgentException | java.util.NoSuchElementException e) {
      log.warn("cannot list the VMs of {}: {}", agent.node(), LogSafe.failure(e));
    }
    waitGone(pids);
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    process.get().destroy();
    waitGone(List.of(process.get().pid()));
    process.get().destroyForcibly();
    log.info("node agent of {} and its {} VM(s) stopped", agent.node(), pids.size());
  }

  private static void waitGone(List<Long> pids) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)
        && pids.stream()
            .anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    if (props.stopVmsOnShutdown()) {
      stopAll();
    } else {
      timer.shutdownNow();
      log.info("node agents and their VMs keep running; the next console start re-adopts them");
    }
  }
}

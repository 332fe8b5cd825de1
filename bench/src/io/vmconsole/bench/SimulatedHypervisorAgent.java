package io.vmconsole.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated hypervisor: a node agent that keeps VMs in memory and "runs" them at once, so the
 * control plane can be measured at a scale no real host holds. For benchmarks only.
 */
final class SimulatedHypervisorAgent implements AgentClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String node;
  private final Map<String, ObjectNode> vms = new ConcurrentHashMap<>();
  private final AtomicLong pids = new AtomicLong(100_000);

  SimulatedHypervisorAgent(String node) {
    this.node = node;
  }

  int running() {
    return (int) vms.values().stream().filter(v -> v.path("state").asText().equals("Running")).count();
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public List<AgentVm> vms() {
    return vms.values().stream().map(AgentVm::of).toList();
  }

  @Override
  public Optional<AgentVm> vm(String vmId) {
    return Optional.ofNullable(vms.get(vmId)).map(AgentVm::of);
  }

  @Override
  public AgentVm define(String vmId, ObjectNode spec) {
    ObjectNode vm = vms.computeIfAbsent(vmId, id -> status(id, "Stopped", "defined"));
    vm.set("spec", spec);
    return AgentVm.of(vm);
  }

  @Override
  public AgentVm start(String vmId) {
    ObjectNode vm = vms.get(vmId);
    if (vm == null) {
      throw new AgentException(404, "unknown vm " + vmId);
    }
    if (vm.path("state").asText().equals("Running")) {
      throw new AgentException(409, "running");
    }
    vm.put("state", "Running").put("reason", "started").put("since", Instant.now().toString())
        .put("pid", pids.incrementAndGet());
    return AgentVm.of(vm);
  }

  @Override
  public AgentVm stop(String vmId, boolean graceful, long timeoutSeconds) {
    ObjectNode vm = vms.get(vmId);
    vm.put("state", "Stopped").put("reason", "stopped by host").put("since", Instant.now().toString()).remove("pid");
    return AgentVm.of(vm);
  }

  @Override
  public AgentVm reset(String vmId) {
    return AgentVm.of(vms.get(vmId));
  }

  @Override
  public void delete(String vmId) {
    vms.remove(vmId);
  }

  @Override
  public byte[] serialLog(String vmId) {
    return new byte[0];
  }

  @Override
  public EventBatch events(long after, int timeoutSeconds) {
    try {
      Thread.sleep(timeoutSeconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new EventBatch(List.of(), Math.max(after, 1), false);
  }

  @Override
  public Optional<JsonNode> storageObject(String collection, String uid) {
    return Optional.of(JSON.createObjectNode().put("uid", uid).put("path", "/simulated/" + collection + "/" + uid)
        .put("format", "qcow2").put("virtualSize", 1L << 30).put("actualSize", 1L << 20));
  }

  @Override
  public JsonNode createDisk(ObjectNode request) {
    return storageObject("disks", request.path("uid").asText()).orElseThrow();
  }

  @Override
  public void deleteStorageObject(String collection, String uid) {}

  @Override
  public JsonNode importImage(ObjectNode request) {
    return JSON.createObjectNode().put("id", "job").put("state", "Succeeded");
  }

  @Override
  public Optional<JsonNode> job(String jobId) {
    return Optional.empty();
  }

  private ObjectNode status(String id, String state, String reason) {
    ObjectNode s = JSON.createObjectNode().put("vmId", id).put("state", state).put("reason", reason)
        .put("since", Instant.now().toString());
    s.putObject("spec");
    s.put("node", node);
    return s;
  }

  static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add("node-" + i);
    }
    return names;
  }
}

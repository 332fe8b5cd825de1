package io.vmconsole.controller;

import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.base.LogSafe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentMigration;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an Evict or Migrate vmop (issue 8): checks the VM can move, waits for a free migration slot,
 * picks the target, has the target agent prepare an incoming QEMU and the source agent send the VM,
 * follows the source's progress into the vmop, and settles the result on the VM (node, migrationState,
 * the Migrating condition) once the agents say so. The source agent commits the switch-over; the
 * controller only records it. Everything it must remember across a console restart is in the VM's
 * {@link ActiveMigration} annotation and the vmop's status; the agents' migrations are asked again.
 */
final class MigrationReconciler {
  static final String FINALIZER = "vmconsole.io/migration";
  /**
   * Annotation on the vmop: the migration's bandwidth limit in bytes per second (a Kubernetes
   * quantity, e.g. "8Mi"; absent or 0: unlimited). Read at each look, so a change applies live.
   */
  static final String BANDWIDTH = io.vmconsole.api.vmop.VirtualMachineOperation.MIGRATION_BANDWIDTH;
  private static final Logger log = LoggerFactory.getLogger(MigrationReconciler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControllerContext ctx;
  private final ResourceAccess ops;
  /** Per migration id: the progress heuristic's memory, and when the counters last moved. */
  private final Map<String, MigrationProgress.Tracker> trackers = new ConcurrentHashMap<>();
  private final Map<String, Movement> movements = new ConcurrentHashMap<>();
  /** Per migration id: why the controller cancelled it (timeouts, a deleted vmop). */
  private final Map<String, String> cancelled = new ConcurrentHashMap<>();

  private record Movement(String counters, Instant since) {}

  MigrationReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.ops = ctx.access(Kind.VIRTUAL_MACHINE_OPERATION);
  }

  /** The active Evict/Migrate of a VM: start it, or follow it. */
  void run(ObjectNode op, ObjectNode vm) {
    ActiveMigration active = ActiveMigration.of(vm);
    if (active != null && active.id().equals(uid(op))) {
      follow(op, vm, active);
    } else if (phase(op).equals("InProgress")) {
      conclude(op, vm);
    } else {
      begin(op, vm);
    }
  }

  /** A deleted vmop: an InProgress migration is cancelled, and the vmop goes once it has ended. */
  void deleted(ObjectNode op, Optional<ObjectNode> vm) {
    ActiveMigration active = vm.map(ActiveMigration::of).orElse(null);
    if (active == null || !active.id().equals(uid(op))) {
      removeFinalizer(op);
      return;
    }
    cancelled.putIfAbsent(active.id(), "cancelled: the operation was deleted");
    agent(active.source()).ifPresent(source -> {
      try {
        if (source.migration(active.id()).filter(m -> !m.finished()).isPresent()) {
          source.cancelMigration(active.id());
        }
      } catch (AgentException e) {
        log.debug("cancel {}: {}", active.id(), LogSafe.failure(e));
      }
    });
    follow(op, vm.get(), active);
  }

  private void begin(ObjectNode op, ObjectNode vm) {
    String vmPhase = vm.path("status").path("phase").asText("");
    String type = op.path("spec").path("type").asText();
    if (vmPhase.equals("Stopped") || vmPhase.equals("Pending")) {
      fail(op, "NotApplicable", "the VM is not running (phase " + vmPhase + "): only a running VM can "
          + "live-migrate");
      return;
    }
    if (!vmPhase.equals("Running")) {
      pending(op, "MigrationPending", "waiting for the VM to be Running (it is " + vmPhase + ")");
      return;
    }
    String namespace = vm.path("metadata").path("namespace").asText();
    Optional<String> blocker = Migratability.blocker(vm,
        disk -> ctx.cache(Kind.VIRTUAL_DISK).getJson(namespace, disk).map(d -> d));
    if (blocker.isPresent()) {
      fail(op, Migratability.NOT_MIGRATABLE, "the VM cannot live-migrate: " + blocker.get());
      return;
    }
    String source = vm.path("status").path("nodeName").asText();
    String wait = MigrationRules.waitReason(activeSources(), source);
    if (wait != null) {
      pending(op, "MigrationPending", "waiting: " + wait);
      return;
    }
    Scheduler.Placement placement = ctx.chooseTarget(vm, type.equals("Migrate")
        ? op.path("spec").path("migrate").get("nodeSelector") : null);
    if (placement.node().isEmpty()) {
      pending(op, "TargetScheduling", "no node to move the VM to: " + placement.reason());
      return;
    }
    String target = placement.node().get();
    Optional<AgentClient> sourceAgent = agent(source);
    Optional<AgentClient> targetAgent = agent(target);
    if (sourceAgent.isEmpty() || targetAgent.isEmpty()) {
      pending(op, "TargetScheduling", "no agent for node " + (sourceAgent.isEmpty() ? source : target));
      return;
    }
    String vmId = uid(vm);
    AgentVm running = sourceAgent.get().vm(vmId).orElse(null);
    if (running == null || !running.state().equals("Running")) {
      pending(op, "MigrationPending", "waiting for the VM's QEMU on " + source + " to be Running");
      return;
    }
    // Durable first: from here on the VM reconciler leaves the VM to the migration.
    ActiveMigration migration = new ActiveMigration(uid(op), name(op), source, target,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    ctx.annotate(vm, a -> a.put(ActiveMigration.ANNOTATION, migration.json()));
    // Shown at once, however short the migration turns out (the VM reconciler keeps it so).
    updateVmStatus(vm, status -> {
      String old = status.path("phase").asText(null);
      status.put("phase", "Migrating");
      status.set("migrationState", VmStatusWriter.migrationState(vm, migration));
      setCondition(status, vm, "Migrating", true, "Migrating", "migrating from " + source + " to " + target);
      status.set("stats", VmPhases.stats(status.get("stats"), old, "Migrating", Instant.now()));
    });
    addFinalizer(op);
    trackers.put(migration.id(), MigrationProgress.Tracker.from(0));
    write(op, "InProgress", "TargetScheduling", "preparing the target " + target, s -> {
      s.put("progress", "0%");
      s.putObject("migration").put("sourceNode", source).put("targetNode", target);
    });
    try {
      ObjectNode incoming = JSON.createObjectNode().put("migrationId", migration.id()).put("vmId", vmId)
          .put("sourceNode", source);
      // The spec the source runs, hot-plugged disks included: the target's QEMU must match it.
      incoming.set("spec", running.raw().path("spec"));
      AgentMigration prepared = targetAgent.get().prepareIncoming(incoming);
      ObjectNode send = JSON.createObjectNode().put("migrationId", migration.id());
      send.putObject("target").put("node", target).put("url", targetAgent.get().baseUrl())
          .put("ticket", prepared.ticket());
      send.put("maxBandwidthBytesPerSecond", bandwidth(op))
          .put("autoConverge", autoConverge(op, vm))
          .put("downtimeLimitMs", DowntimeSteps.FIRST_MS);
      sourceAgent.get().migrate(vmId, send);
      ctx.events().record(vm, false, "Migrating", "live migration from " + source + " to " + target + " started");
      log.info("migration {} of {}/{}: {} → {}", migration.id(), namespace, name(vm), source, target);
    } catch (AgentException e) {
      forget(targetAgent.get(), migration.id());
      finishFailed(op, fresh(vm), migration, "the migration could not start: " + e.getMessage());
    }
  }

  /** Reads the migration from the agents and moves the vmop and the VM on. */
  private void follow(ObjectNode op, ObjectNode vm, ActiveMigration migration) {
    Optional<AgentClient> source = agent(migration.source());
    Optional<AgentMigration> state;
    try {
      state = source.orElseThrow(() -> new AgentException(0, "no agent for node " + migration.source()))
          .migration(migration.id());
    } catch (AgentException e) {
      // Nothing is decided while the source cannot be asked: it owns the VM until it commits.
      write(op, "InProgress", "Syncing", "the source agent does not answer: " + e.getMessage(), s -> {});
      timeouts(op, vm, migration, null);
      return;
    }
    if (state.isEmpty()) {
      // The source forgot it (restarted agent) or never got it; the target says whether it committed.
      Optional<AgentMigration> onTarget = targetState(migration);
      if (onTarget.filter(m -> m.state().equals("Succeeded")).isPresent()) {
        finishSucceeded(op, vm, migration, onTarget.get());
      } else {
        agent(migration.target()).ifPresent(t -> cancel(t, migration.id()));
        // A cancel this console asked for may have been forgotten by the agent already: say why it ended.
        finishFailed(op, vm, migration, cancelled.getOrDefault(migration.id(),
            "the source agent on " + migration.source() + " does not know the migration"));
      }
      return;
    }
    AgentMigration m = state.get();
    switch (m.state()) {
      case "Succeeded" -> finishSucceeded(op, vm, migration, m);
      case "Failed", "Cancelled" -> finishFailed(op, vm, migration,
          cancelled.getOrDefault(migration.id(), "the migration " + m.state().toLowerCase()
              + (m.reason() == null ? "" : ": " + m.reason())));
      default -> {
        MigrationProgress.Result progress = MigrationProgress.next(tracker(op, migration),
            new MigrationProgress.Sample(m.state(), m.bytesRemaining(), m.bytesTotal(), m.iterations()));
        trackers.put(migration.id(), progress.tracker());
        String reason = progress.notConverging() ? "NotConverging" : "Syncing";
        String message = progress.notConverging()
            ? "the memory left to send does not shrink: the guest writes faster than the link carries"
              + (m.autoConverge() ? "" : " (force: true enables auto-converge)")
            : m.state().equals("Completing") ? "switching over to " + migration.target()
            : "sending the VM's memory to " + migration.target();
        write(op, "InProgress", reason, message, s -> {
          s.put("progress", progress.percent() + "%");
          s.set("migration", counters(migration, m));
        });
        adjust(op, vm, source.get(), m);
        timeouts(op, vm, migration, m);
      }
    }
  }

  /** An InProgress vmop whose VM has no migration record: a console stopped while it settled. */
  private void conclude(ObjectNode op, ObjectNode vm) {
    JsonNode known = op.path("status").path("migration");
    ActiveMigration migration = new ActiveMigration(uid(op), name(op), known.path("sourceNode").asText(),
        known.path("targetNode").asText(), vm.path("status").path("migrationState").path("startTimestamp").asText(""));
    Optional<AgentMigration> m = agent(migration.source()).flatMap(a -> a.migration(migration.id()));
    if (m.isEmpty()) {
      m = targetState(migration);
    }
    if (m.filter(x -> x.state().equals("Succeeded")).isPresent()
        || migration.target().equals(vm.path("status").path("nodeName").asText())) {
      completeOp(op, vm, migration, m.orElse(null));
    } else {
      failOp(op, "Failed", m.map(AgentMigration::reason).orElse("the migration was lost"));
    }
  }

  private void finishSucceeded(ObjectNode op, ObjectNode vm, ActiveMigration migration, AgentMigration m) {
    Instant now = Instant.now();
    updateVmStatus(vm, status -> {
      String old = status.path("phase").asText(null);
      status.put("nodeName", migration.target()).put("phase", "Running");
      ObjectNode state = VmStatusWriter.migrationState(vm, migration);
      state.put("endTimestamp", now.truncatedTo(ChronoUnit.SECONDS).toString()).put("result", "Succeeded");
      status.set("migrationState", state);
      setCondition(status, vm, "Migrating", false, "Succeeded",
          "migrated from " + migration.source() + " to " + migration.target()
              + (m.downtimeMs() == null ? "" : " (downtime " + m.downtimeMs() + " ms)"));
      status.set("stats", VmPhases.stats(status.get("stats"), old, "Running", now));
    });
    ctx.annotate(vm, a -> a.remove(ActiveMigration.ANNOTATION));
    ctx.events().record(vm, false, "Migrated", "live migration from " + migration.source() + " to "
        + migration.target() + " succeeded");
    completeOp(op, vm, migration, m);
  }

  private void completeOp(ObjectNode op, JsonNode vm, ActiveMigration migration, AgentMigration m) {
    write(op, "Completed", "Completed", "the VM runs on " + migration.target(), s -> {
      s.put("progress", "100%");
      if (m != null) {
        s.set("migration", counters(migration, m));
      }
    });
    // The source keeps its stopped VM until told: it is on the target now.
    agent(migration.source()).ifPresent(a -> {
      try {
        a.delete(uid(vm));
      } catch (RuntimeException e) {
        log.warn("deleting the migrated VM on {}: {}", migration.source(), LogSafe.failure(e));
      }
      forget(a, migration.id());
    });
    agent(migration.target()).ifPresent(a -> forget(a, migration.id()));
    cleanUp(op, migration);
  }

  private void finishFailed(ObjectNode op, ObjectNode vm, ActiveMigration migration, String reason) {
    updateVmStatus(vm, status -> {
      ObjectNode state = VmStatusWriter.migrationState(vm, migration);
      state.put("endTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("result", "Failed");
      status.set("migrationState", state);
      setCondition(status, vm, "Migrating", false, "Failed", reason);
    });
    ctx.annotate(vm, a -> a.remove(ActiveMigration.ANNOTATION));
    ctx.events().record(vm, true, "MigrationFailed", reason);
    failOp(op, "Failed", reason);
    agent(migration.source()).ifPresent(a -> forget(a, migration.id()));
    agent(migration.target()).ifPresent(a -> forget(a, migration.id()));
    cleanUp(op, migration);
  }

  private void failOp(ObjectNode op, String reason, String message) {
    write(op, "Failed", reason, message, s -> {});
  }

  private void cleanUp(ObjectNode op, ActiveMigration migration) {
    trackers.remove(migration.id());
    movements.remove(migration.id());
    cancelled.remove(migration.id());
    removeFinalizer(op);
  }

  /**
   * Live changes: the bandwidth annotation, auto-converge once the migration does not converge, and the
   * next downtime step.
   */
  private void adjust(ObjectNode op, ObjectNode vm, AgentClient source, AgentMigration m) {
    long bandwidth = bandwidth(op);
    boolean autoConverge = autoConverge(op, vm);
    ObjectNode patch = JSON.createObjectNode();
    if (bandwidth != m.maxBandwidthBytesPerSecond() || autoConverge != m.autoConverge()) {
      patch.put("maxBandwidthBytesPerSecond", bandwidth).put("autoConverge", autoConverge);
    }
    long downtime = m.state().equals("Running") ? DowntimeSteps.raiseTo(m.downtimeLimitMs(), m.iterations()) : -1;
    if (downtime > 0) {
      patch.put("downtimeLimitMs", downtime);
    }
    if (!patch.isEmpty()) {
      try {
        source.updateMigration(m.migrationId(), patch);
      } catch (AgentException e) {
        log.debug("update {}: {}", m.migrationId(), LogSafe.failure(e));
      }
    }
  }

  /** No progress for 150 s, or longer than 800 s per GiB of memory: cancelled, and the vmop fails. */
  private void timeouts(ObjectNode op, ObjectNode vm, ActiveMigration migration, AgentMigration m) {
    Instant now = Instant.now();
    String counters = m == null ? "" : m.state() + "/" + m.bytesTransferred() + "/" + m.bytesRemaining() + "/"
        + m.iterations();
    Movement last = movements.compute(migration.id(),
        (k, old) -> old == null || (m != null && !old.counters().equals(counters)) ? new Movement(counters, now) : old);
    Duration limit = MigrationRules.completionTimeout(ControllerContext.bytes(
        vm.path("spec").path("memory").path("size").asText("0")));
    String why = null;
    if (Duration.between(last.since(), now).compareTo(MigrationRules.PROGRESS_TIMEOUT) > 0) {
      why = "no progress for " + MigrationRules.PROGRESS_TIMEOUT.toSeconds() + " s";
    } else if (Duration.between(Instant.parse(migration.start()), now).compareTo(limit) > 0) {
      why = "not completed within " + limit.toSeconds() + " s (800 s per GiB of memory)";
    }
    if (why != null && cancelled.putIfAbsent(migration.id(), "the migration timed out: " + why) == null) {
      log.info("migration {}: {}", migration.id(), why);
      agent(migration.source()).ifPresent(a -> cancel(a, migration.id()));
    }
  }

  private ObjectNode counters(ActiveMigration migration, AgentMigration m) {
    ObjectNode c = JSON.createObjectNode().put("sourceNode", migration.source())
        .put("targetNode", migration.target())
        .put("bytesTransferred", m.bytesTransferred()).put("bytesRemaining", m.bytesRemaining())
        .put("bytesTotal", m.bytesTotal()).put("throughputBytesPerSecond", m.throughputBytesPerSecond())
        .put("dirtyRateBytesPerSecond", m.dirtyRateBytesPerSecond()).put("iterations", m.iterations());
    if (m.downtimeMs() != null) {
      c.put("downtimeMs", m.downtimeMs());
    }
    if (m.totalMs() != null) {
      c.put("totalMs", m.totalMs());
    }
    return c;
  }

  private MigrationProgress.Tracker tracker(ObjectNode op, ActiveMigration migration) {
    return trackers.computeIfAbsent(migration.id(), k -> {
      // A restarted console goes on from the percent shown: it never decreases.
      String shown = op.path("status").path("progress").asText("0%").replace("%", "");
      return MigrationProgress.Tracker.from(shown.matches("\\d+") ? Integer.parseInt(shown) : 0);
    });
  }

  private Optional<AgentMigration> targetState(ActiveMigration migration) {
    try {
      return agent(migration.target()).flatMap(a -> a.migration(migration.id()));
    } catch (AgentException e) {
      return Optional.empty();
    }
  }

  /** The source node of every Evict/Migrate in progress in the cluster (the limits count them). */
  private List<String> activeSources() {
    List<String> sources = new ArrayList<>();
    for (ObjectNode o : ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson()) {
      if (VmopObject.of(o).isLiveMigration() && phase(o).equals("InProgress")) {
        sources.add(o.path("status").path("migration").path("sourceNode").asText());
      }
    }
    return sources;
  }

  private static long bandwidth(JsonNode op) {
    String value = Annotations.get(op, BANDWIDTH);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(value.trim())).longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static boolean autoConverge(JsonNode op, JsonNode vm) {
    JsonNode force = op.path("spec").path("force");
    return MigrationRules.autoConverge(vm.path("spec").path("liveMigrationPolicy").asText(null),
        force.isBoolean() ? force.asBoolean() : null);
  }

  private void cancel(AgentClient agent, String id) {
    try {
      agent.cancelMigration(id);
    } catch (AgentException e) {
      log.debug("cancel {}: {}", id, LogSafe.failure(e));
    }
  }

  /** DELETE on a finished migration: the agent forgets it. */
  private void forget(AgentClient agent, String id) {
    cancel(agent, id);
  }

  private Optional<AgentClient> agent(String node) {
    return node == null || node.isEmpty() ? Optional.empty() : ctx.agents().forNode(node);
  }

  private ObjectNode fresh(ObjectNode vm) {
    return ctx.vms().get(vm.path("metadata").path("namespace").asText(), name(vm)).orElse(vm);
  }

  /** Changes the VM's status from a fresh read, retrying lost races with the VM reconciler. */
  private void updateVmStatus(JsonNode vm, Consumer<ObjectNode> change) {
    ctx.vms().modifyStatus(vm.path("metadata").path("namespace").asText(), name(vm),
        current -> change.accept(current.with("status")));
  }

  private static void setCondition(ObjectNode status, JsonNode vm, String type, boolean value, String reason,
      String message) {
    Conditions c = new Conditions(status.path("conditions"), vm.path("metadata").path("generation").asLong(1),
        Instant.now());
    List<String> types = new ArrayList<>();
    status.path("conditions").forEach(x -> types.add(x.path("type").asText()));
    types.stream().filter(t -> !t.equals(type)).forEach(c::keep);
    c.set(type, value, reason, message);
    status.set("conditions", c.toArray());
  }

  private void pending(ObjectNode op, String reason, String message) {
    write(op, "Pending", reason, message, s -> s.put("progress", "0%"));
  }

  private void fail(ObjectNode op, String reason, String message) {
    write(op, "Failed", reason, message, s -> {});
  }

  /** Writes the vmop's status when it changed: phase, the Completed condition, and more. */
  private void write(ObjectNode op, String phase, String reason, String message, Consumer<ObjectNode> more) {
    ResourceAccess.retryOnConflict(() -> {
      writeOnce(op, phase, reason, message, more);
      return null;
    });
  }

  private void writeOnce(ObjectNode op, String phase, String reason, String message, Consumer<ObjectNode> more) {
    ObjectNode current = ops.get(op.path("metadata").path("namespace").asText(), name(op)).orElse(null);
    if (current == null) {
      return;
    }
    JsonNode old = current.path("status");
    ObjectNode s = old.isObject() ? ((ObjectNode) old).deepCopy() : JSON.createObjectNode();
    s.put("phase", phase).put("observedGeneration", current.path("metadata").path("generation").asLong(1));
    JsonNode oldCondition = old.path("conditions").path(0);
    boolean same = oldCondition.path("reason").asText().equals(reason)
        && oldCondition.path("message").asText().equals(message) && phase.equals(old.path("phase").asText());
    s.putArray("conditions").addObject().put("type", "Completed").put("status", phase.equals("Completed") ? "True"
        : "False").put("reason", reason).put("message", message)
        .put("lastTransitionTime", same ? oldCondition.path("lastTransitionTime").asText()
            : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    more.accept(s);
    if (s.equals(old)) {
      op.set("status", s);
      return;
    }
    current.set("status", s);
    ops.updateStatus(current);
    op.set("status", s);
    if (!phase.equals(old.path("phase").asText()) && !phase.equals("Pending")) {
      ctx.events().record(current, phase.equals("Failed"), "Operation" + phase,
          current.path("spec").path("type").asText() + ": " + message);
    }
  }

  private void addFinalizer(ObjectNode op) {
    changeFinalizer(op, true);
  }

  private void removeFinalizer(ObjectNode op) {
    changeFinalizer(op, false);
  }

  private void changeFinalizer(ObjectNode op, boolean add) {
    ops.modify(op.path("metadata").path("namespace").asText(), name(op), current -> {
      if (add) {
        Finalizers.add(current, FINALIZER);
      } else {
        Finalizers.remove(current, FINALIZER);
      }
    });
  }

  private static String phase(JsonNode op) {
    return op.path("status").path("phase").asText("");
  }

  private static String uid(JsonNode o) {
    return o.path("metadata").path("uid").asText();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}

package io.vmconsole.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.vmop.VirtualMachineOperation;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.security.Access;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Start, Stop, Restart (and their forced forms) and live migration as VirtualMachineOperations,
 * exactly what {@code d8 v start|stop|restart|evict} writes; the controller runs them and the
 * screens follow their phase (and a migration's progress) from the cache.
 */
public class OperationService {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private final ResourceAccess ops;
  private final ResourceCache cache;
  private final ResourceCache nodes;
  private final Admission admission;
  private final Access access;
  private final AuditLog audit;

  OperationService(
      ResourceAccess ops,
      ResourceCache cache,
      ResourceCache nodes,
      Admission admission,
      Access access,
      AuditLog audit) {
    this.ops = ops;
    this.cache = cache;
    this.nodes = nodes;
    this.admission = admission;
    this.access = access;
    this.audit = audit;
  }

  /** Makes one operation for the VM and answers its name. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public String run(String namespace, String vmName, String type, boolean force) {
    return create(namespace, vmName, type, force, null, null);
  }

  /**
   * Live-migrates the VM: an Evict operation ({@code d8 v evict}) lets the scheduler pick the node;
   * with a target node it is a Migrate operation whose nodeSelector names that node's hostname
   * label.
   *
   * @param bandwidth an optional limit in bytes per second as a quantity ("8Mi"); blank: unlimited
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public String migrate(String namespace, String vmName, String targetNode, String bandwidth) {
    String limit = bandwidth == null || bandwidth.isBlank() ? null : bandwidth.trim();
    if (limit != null) {
      checkBandwidth(limit);
    }
    boolean anyNode = targetNode == null || targetNode.isBlank();
    return create(
        namespace,
        vmName,
        anyNode ? "Evict" : "Migrate",
        false,
        anyNode ? null : targetNode,
        limit);
  }

  private static void checkBandwidth(String limit) {
    String rule =
        "must be bytes per second as a quantity of at least 1, such as 8Mi or 500Ki (got \""
            + limit
            + "\")";
    try {
      java.math.BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(limit));
      if (bytes.compareTo(java.math.BigDecimal.ONE) < 0) {
        throw new InvalidInputException("bandwidth", rule);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidInputException("bandwidth", rule);
    }
  }

  /**
   * Cancels a migration by deleting its operation (the controller stops the migration and the VM
   * stays where it was). Only Evict/Migrate operations are cancelled this way.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void cancel(String namespace, String operation) {
    ObjectNode op =
        cache
            .getJson(namespace, operation)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "metadata.name",
                        "operation " + operation + " does not exist (it may have finished)"));
    String type = op.path("spec").path("type").asText();
    if (!VmopObject.of(op).isLiveMigration()) {
      throw new InvalidInputException(
          "spec.type",
          "only a migration (Evict or Migrate) can be cancelled, " + operation + " is a " + type);
    }
    if (!MigrationProgress.of(op).active()) {
      throw new InvalidInputException(
          "status.phase", "migration " + operation + " has already finished");
    }
    ops.delete(namespace, operation);
    audit.record(
        access.currentUsername(),
        "vmop.cancel",
        "VirtualMachine " + namespace + "/" + op.path("spec").path("virtualMachineName").asText(),
        Map.of("namespace", namespace, "operation", operation, "type", type));
  }

  /**
   * The nodes a migration may name as its target (every node but the one the VM is on), by name.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<String> targetNodes(String currentNode) {
    return nodes.listJson().stream()
        .map(n -> n.path("metadata").path("name").asText())
        .filter(n -> !n.equals(currentNode))
        .sorted()
        .toList();
  }

  /** The VM's newest Evict/Migrate operation, running or finished, if the user may read it. */
  @PreAuthorize("@access.isSignedIn()")
  public java.util.Optional<MigrationProgress> migration(String namespace, String vmName) {
    if (!access.canRead(namespace)) {
      return java.util.Optional.empty();
    }
    return cache.listJson().stream()
        .filter(o -> namespace.equals(o.path("metadata").path("namespace").asText()))
        .filter(o -> vmName.equals(o.path("spec").path("virtualMachineName").asText()))
        .filter(o -> VmopObject.of(o).isLiveMigration())
        .max(
            Comparator.comparing(
                    (ObjectNode o) -> {
                      Instant t =
                          created(o.path("metadata").path("creationTimestamp").asText(null));
                      return t == null ? Instant.EPOCH : t;
                    })
                .thenComparing(o -> o.path("metadata").path("name").asText()))
        .map(MigrationProgress::of);
  }

  private String create(
      String namespace,
      String vmName,
      String type,
      boolean force,
      String targetNode,
      String bandwidth) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    op.put("apiVersion", "virtualization.deckhouse.io/v1alpha2")
        .put("kind", "VirtualMachineOperation");
    // Named here, not by generateName: the embedded API server's generated names are long and
    // opaque.
    String name = vmName + "-" + type.toLowerCase(Locale.ROOT) + "-" + suffix();
    ObjectNode metadata = op.putObject("metadata").put("namespace", namespace).put("name", name);
    if (bandwidth != null) {
      metadata.putObject("annotations").put(VirtualMachineOperation.MIGRATION_BANDWIDTH, bandwidth);
    }
    ObjectNode spec = op.putObject("spec").put("type", type).put("virtualMachineName", vmName);
    if (force) {
      spec.put("force", true);
    }
    if (targetNode != null) {
      spec.putObject("migrate").putObject("nodeSelector").put(HOSTNAME_LABEL, targetNode);
    }
    List<FieldError> errors =
        admission
            .review(
                new AdmissionRequest(
                    AdmissionRequest.Operation.CREATE,
                    "virtualization.deckhouse.io",
                    "v1alpha2",
                    "VirtualMachineOperation",
                    namespace,
                    name,
                    null,
                    op,
                    null))
            .errors();
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ops.create(op);
    Map<String, String> details =
        new java.util.LinkedHashMap<>(Map.of("namespace", namespace, "operation", name));
    if (targetNode != null) {
      details.put("targetNode", targetNode);
    }
    if (bandwidth != null) {
      details.put("bandwidth", bandwidth);
    }
    audit.record(
        access.currentUsername(),
        "vmop." + type.toLowerCase(Locale.ROOT) + (force ? ".force" : ""),
        "VirtualMachine " + namespace + "/" + vmName,
        details);
    return name;
  }

  /**
   * One operation per VM; a VM the user may not operate, or whose operation is refused, gets its
   * reason and the others still run.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<BulkResult> runAll(List<VmRef> vms, String type, boolean force) {
    List<BulkResult> results = new ArrayList<>();
    for (VmRef vm : vms) {
      if (!access.canOperate(vm.namespace())) {
        results.add(
            new BulkResult(
                vm, null, "your role does not allow operating VMs in " + vm.namespace()));
        continue;
      }
      try {
        results.add(new BulkResult(vm, run(vm.namespace(), vm.name(), type, force), null));
      } catch (RuntimeException e) {
        results.add(new BulkResult(vm, null, e.getMessage()));
      }
    }
    return results;
  }

  /**
   * Operations in the namespaces the user may read (one namespace, or all when null), newest first.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<OperationRow> list(String namespace, String vmName) {
    return cache.listJson().stream()
        .filter(
            o ->
                namespace == null
                    || namespace.equals(o.path("metadata").path("namespace").asText()))
        .filter(
            o ->
                vmName == null || vmName.equals(o.path("spec").path("virtualMachineName").asText()))
        .filter(o -> access.canRead(o.path("metadata").path("namespace").asText()))
        .map(OperationService::row)
        .sorted(
            Comparator.comparing(
                    (OperationRow r) -> r.created() == null ? Instant.EPOCH : r.created())
                .reversed()
                .thenComparing(OperationRow::name))
        .toList();
  }

  /**
   * Hear of every change of an operation, with its namespace/name; runs on the informer's thread.
   */
  @PreAuthorize("@access.isSignedIn()")
  public Runnable subscribe(Consumer<String> listener) {
    return cache.addJsonListener(
        o ->
            listener.accept(
                o.path("metadata").path("namespace").asText()
                    + "/"
                    + o.path("metadata").path("name").asText()));
  }

  private static OperationRow row(JsonNode o) {
    JsonNode status = o.path("status");
    String result = "";
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Completed")) {
        result = (c.path("reason").asText("") + " " + c.path("message").asText("")).trim();
      }
    }
    String type = o.path("spec").path("type").asText();
    MigrationProgress migration =
        VmopObject.of(o).isLiveMigration() ? MigrationProgress.of(o) : null;
    return new OperationRow(
        o.path("metadata").path("namespace").asText(),
        o.path("metadata").path("name").asText(),
        type,
        o.path("spec").path("force").asBoolean(false),
        o.path("spec").path("virtualMachineName").asText(),
        status.path("phase").asText("Pending"),
        created(o.path("metadata").path("creationTimestamp").asText(null)),
        result,
        status.path("progress").asText(""),
        migration == null ? "" : migration.route());
  }

  private static Instant created(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String suffix() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}

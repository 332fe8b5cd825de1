package io.vmconsole.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
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
 * Start, Stop, Restart (and their forced forms) as VirtualMachineOperations, exactly what {@code d8 v
 * start|stop|restart} writes; the controller runs them and the screens follow their phase from the cache.
 */
public class OperationService {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ResourceAccess ops;
  private final ResourceCache cache;
  private final Admission admission;
  private final Access access;
  private final AuditLog audit;

  OperationService(ResourceAccess ops, ResourceCache cache, Admission admission, Access access, AuditLog audit) {
    this.ops = ops;
    this.cache = cache;
    this.admission = admission;
    this.access = access;
    this.audit = audit;
  }

  /** Makes one operation for the VM and answers its name. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public String run(String namespace, String vmName, String type, boolean force) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    op.put("apiVersion", "virtualization.deckhouse.io/v1alpha2").put("kind", "VirtualMachineOperation");
    // Named here, not by generateName: the embedded API server's generated names are long and opaque.
    String name = vmName + "-" + type.toLowerCase(Locale.ROOT) + "-" + suffix();
    op.putObject("metadata").put("namespace", namespace).put("name", name);
    ObjectNode spec = op.putObject("spec").put("type", type).put("virtualMachineName", vmName);
    if (force) {
      spec.put("force", true);
    }
    List<FieldError> errors = admission.review(new AdmissionRequest(AdmissionRequest.Operation.CREATE,
        "virtualization.deckhouse.io", "v1alpha2", "VirtualMachineOperation", namespace, name, null, op, null))
        .errors();
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ops.create(op);
    audit.record(access.currentUsername(), "vmop." + type.toLowerCase(Locale.ROOT) + (force ? ".force" : ""),
        "VirtualMachine " + namespace + "/" + vmName, Map.of("namespace", namespace, "operation", name));
    return name;
  }

  /**
   * One operation per VM; a VM the user may not operate, or whose operation is refused, gets its reason
   * and the others still run.
   */
  @PreAuthorize("isAuthenticated()")
  public List<BulkResult> runAll(List<VmRef> vms, String type, boolean force) {
    List<BulkResult> results = new ArrayList<>();
    for (VmRef vm : vms) {
      if (!access.canOperate(vm.namespace())) {
        results.add(new BulkResult(vm, null, "your role does not allow operating VMs in " + vm.namespace()));
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

  /** Operations in the namespaces the user may read (one namespace, or all when null), newest first. */
  @PreAuthorize("isAuthenticated()")
  public List<OperationRow> list(String namespace, String vmName) {
    return cache.listJson().stream()
        .filter(o -> namespace == null || namespace.equals(o.path("metadata").path("namespace").asText()))
        .filter(o -> vmName == null || vmName.equals(o.path("spec").path("virtualMachineName").asText()))
        .filter(o -> access.canRead(o.path("metadata").path("namespace").asText()))
        .map(OperationService::row)
        .sorted(Comparator.comparing((OperationRow r) -> r.created() == null ? Instant.EPOCH : r.created())
            .reversed().thenComparing(OperationRow::name))
        .toList();
  }

  /** Hear of every change of an operation, with its namespace/name; runs on the informer's thread. */
  public Runnable subscribe(Consumer<String> listener) {
    return cache.addJsonListener(o -> listener.accept(
        o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText()));
  }

  private static OperationRow row(JsonNode o) {
    JsonNode status = o.path("status");
    String result = "";
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Completed")) {
        result = (c.path("reason").asText("") + " " + c.path("message").asText("")).trim();
      }
    }
    return new OperationRow(o.path("metadata").path("namespace").asText(), o.path("metadata").path("name").asText(),
        o.path("spec").path("type").asText(), o.path("spec").path("force").asBoolean(false),
        o.path("spec").path("virtualMachineName").asText(), status.path("phase").asText("Pending"),
        created(o.path("metadata").path("creationTimestamp").asText(null)), result);
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

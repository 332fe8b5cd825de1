package io.vmconsole.api.vmop;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.common.StringMaps;
import io.vmconsole.api.validation.Quantities;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** A stored VirtualMachineOperation read through typed accessors. */
public final class VmopObject extends StoredObject {
  private VmopObject(JsonNode json) {
    super(json);
  }

  public static VmopObject of(JsonNode json) {
    return new VmopObject(json);
  }

  /** spec.virtualMachineName. */
  public String vmName() {
    return json.path("spec").path("virtualMachineName").asText();
  }

  /** spec.type as written. */
  public String typeText() {
    return json.path("spec").path("type").asText("");
  }

  public Optional<OperationType> type() {
    return OperationType.of(typeText());
  }

  public boolean isLiveMigration() {
    return type().map(OperationType::isLiveMigration).orElse(false);
  }

  /** Whether this operation acts on that VM. */
  public boolean concerns(String namespace, String vmName) {
    return namespace.equals(namespace()) && vmName.equals(vmName());
  }

  /** status.phase; empty before the controller wrote one. */
  public Optional<VmopPhase> phase() {
    return VmopPhase.of(json.path("status").path("phase").asText(""));
  }

  /** status.phase as written; empty before the controller wrote one. */
  public String phaseText() {
    return statusText("phase");
  }

  public boolean isInProgress() {
    return phase().equals(Optional.of(VmopPhase.InProgress));
  }

  /** spec.force; null when absent (a migration then follows the VM's liveMigrationPolicy). */
  public Boolean force() {
    JsonNode force = json.path("spec").path("force");
    return force.isBoolean() ? force.asBoolean() : null;
  }

  /** spec.migrate.nodeSelector of a Migrate; empty when absent. */
  public Map<String, String> migrateNodeSelector() {
    return StringMaps.of(json.path("spec").path("migrate").path("nodeSelector"));
  }

  /** status.progress as written ("42%"); empty when absent. */
  public String progressText() {
    return statusText("progress");
  }

  /** status.progress as a percent; 0 when absent or unreadable. */
  public int progressPercent() {
    String shown = progressText().replace("%", "");
    return shown.matches("\\d{1,3}") ? Integer.parseInt(shown) : 0;
  }

  /**
   * status.migration.sourceNode, as the controller recorded it when the migration began; empty
   * before.
   */
  public String migrationSource() {
    return json.path("status").path("migration").path("sourceNode").asText("");
  }

  /** status.migration.targetNode; empty before the migration began. */
  public String migrationTarget() {
    return json.path("status").path("migration").path("targetNode").asText("");
  }

  /**
   * The migration's bandwidth limit in bytes per second from the {@link
   * VirtualMachineOperation#MIGRATION_BANDWIDTH} annotation; 0 (unlimited) when absent or not a
   * quantity.
   */
  public long bandwidthBytesPerSecond() {
    return annotation(VirtualMachineOperation.MIGRATION_BANDWIDTH)
        .filter(v -> !v.isBlank())
        .flatMap(v -> Quantities.parse(v.trim()))
        .map(BigDecimal::longValue)
        .orElse(0L);
  }

  /** Over: in a final phase, or being deleted (which cancels it). */
  public boolean isOver() {
    return deleting() || phase().map(VmopPhase::isFinal).orElse(false);
  }

  /** The status as written (every field null before the first write). */
  public VirtualMachineOperationStatus status() {
    return statusAs(VirtualMachineOperationStatus.class);
  }
}

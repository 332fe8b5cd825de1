package io.vmconsole.api.vm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.EnumNames;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.common.StringMaps;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.validation.Quantities;
import io.vmconsole.api.vm.VirtualMachineSpec.RunPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stored VirtualMachine read through typed accessors: the one place that knows where a field
 * lives and what its absence means, so that a rule over it (what the VM asks of a node's CPU,
 * whether it can migrate) is written once.
 */
public final class VmObject extends StoredObject {
  /**
   * What a VM without a Migratable condition is told: the controller writes it at its first
   * reconcile.
   */
  public static final String MIGRATABILITY_UNKNOWN =
      "the controller has not reported whether the VM can migrate";

  private VmObject(JsonNode json) {
    super(json);
  }

  public static VmObject of(JsonNode json) {
    return new VmObject(json);
  }

  /** spec.cpu.cores; 1 when absent. */
  public int cores() {
    return spec().path("cpu").path("cores").asInt(1);
  }

  /**
   * spec.cpu.coreFraction as a percent: "25%" is 25. Absent, "Auto" (the class decides at start) or
   * unreadable counts as 100, the most the VM can take.
   */
  public int coreFractionPercent() {
    String text = spec().path("cpu").path("coreFraction").asText("").trim();
    String digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
    return digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : 100;
  }

  /** What the VM asks of a node's CPU, in millicores: cores times the core fraction. */
  public long cpuMillis() {
    return cores() * (long) coreFractionPercent() * 10;
  }

  /** spec.memory.size in bytes, exactly; 0 when absent or not a size (admission refuses those). */
  public long memoryBytes() {
    return Quantities.sizeBytes(spec().path("memory").path("size")).orElse(0L);
  }

  /** spec.nodeSelector; empty when absent. */
  public Map<String, String> nodeSelector() {
    return StringMaps.of(spec().path("nodeSelector"));
  }

  /** spec.affinity; null when absent or not readable as one (admission refuses those). */
  public VmAffinity affinity() {
    JsonNode affinity = spec().path("affinity");
    if (!affinity.isObject()) {
      return null;
    }
    try {
      return RECORDS.treeToValue(affinity, VmAffinity.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * status.phase; empty before the controller wrote one, or for a phase this console does not know.
   */
  public Optional<VmPhase> phase() {
    return VmPhase.of(json.path("status").path("phase").asText(""));
  }

  /** status.phase as written; empty before the controller wrote one. */
  public String phaseText() {
    return statusText("phase");
  }

  /** status.nodeName: where the VM runs or is placed; empty when nowhere. */
  public Optional<String> nodeName() {
    JsonNode node = json.path("status").path("nodeName");
    return node.isTextual() && !node.asText().isEmpty()
        ? Optional.of(node.asText())
        : Optional.empty();
  }

  /** The status condition of that type, if the controller wrote one. */
  public Optional<ConditionView> condition(VmConditionType type) {
    return condition(type.name());
  }

  /**
   * Why the VM cannot live-migrate, from the Migratable condition the VM reconciler keeps; empty
   * when it can. A VM the controller has not reported on yet cannot, until it has ({@link
   * #MIGRATABILITY_UNKNOWN}).
   */
  public Optional<String> migrationBlocker() {
    Optional<ConditionView> migratable = condition(VmConditionType.Migratable);
    if (migratable.isEmpty()) {
      return Optional.of(MIGRATABILITY_UNKNOWN);
    }
    ConditionView c = migratable.get();
    if (c.isTrue()) {
      return Optional.empty();
    }
    return Optional.of(
        !c.message().isEmpty()
            ? c.message()
            : !c.reason().isEmpty() ? c.reason() : "not migratable");
  }

  /** spec.runPolicy; AlwaysOnUnlessStoppedManually when absent (the API's default). */
  public RunPolicy runPolicy() {
    return EnumNames.find(RunPolicy.class, spec().path("runPolicy").asText(""))
        .orElse(RunPolicy.AlwaysOnUnlessStoppedManually);
  }

  /** spec.virtualMachineClassName. */
  public String className() {
    return spec().path("virtualMachineClassName").asText();
  }

  /** spec.cpu.coreFraction as written ("25%", "Auto"); empty when absent. */
  public Optional<String> coreFraction() {
    JsonNode fraction = spec().path("cpu").path("coreFraction");
    return fraction.isTextual() ? Optional.of(fraction.asText()) : Optional.empty();
  }

  /** spec.terminationGracePeriodSeconds; 60 when absent. */
  public long terminationGracePeriodSeconds() {
    return spec().path("terminationGracePeriodSeconds").asLong(60);
  }

  /**
   * spec.disruptions.restartApprovalMode is Automatic: the controller restarts to apply changes.
   */
  public boolean restartsAutomatically() {
    return "Automatic".equals(spec().path("disruptions").path("restartApprovalMode").asText());
  }

  /** spec.liveMigrationPolicy as written; null when absent. */
  public String liveMigrationPolicy() {
    return spec().path("liveMigrationPolicy").asText(null);
  }

  /** spec.blockDeviceRefs in boot order. */
  public List<DeviceRef> blockDeviceRefs() {
    List<DeviceRef> refs = new ArrayList<>();
    spec()
        .path("blockDeviceRefs")
        .forEach(r -> refs.add(new DeviceRef(r.path("kind").asText(), r.path("name").asText())));
    return refs;
  }

  /**
   * The status as the controller last wrote it, typed (fields this console does not know are
   * skipped; an object without a status gives {@link VirtualMachineStatus#EMPTY}'s fields).
   */
  public VirtualMachineStatus status() {
    return statusAs(VirtualMachineStatus.class);
  }

  /** status.blockDeviceRefs as the controller last wrote them. */
  public List<DeviceStatus> blockDeviceStatuses() {
    List<DeviceStatus> rows = new ArrayList<>();
    json.path("status")
        .path("blockDeviceRefs")
        .forEach(
            r ->
                rows.add(
                    new DeviceStatus(
                        new DeviceRef(r.path("kind").asText(), r.path("name").asText()),
                        r.path("hotplugged").asBoolean(false),
                        r.path("attached").asBoolean(false))));
    return rows;
  }

  /** spec.provisioning; empty when absent. */
  public Optional<Provisioning> provisioning() {
    JsonNode p = spec().path("provisioning");
    if (!p.isObject()) {
      return Optional.empty();
    }
    String type = p.path("type").asText("");
    String secret =
        p.path(type.equals("SysprepRef") ? "sysprepRef" : "userDataRef").path("name").asText(null);
    return Optional.of(new Provisioning(type, p.path("userData").asText(), secret));
  }

  /** spec.virtualMachineIPAddressName; empty when the VM names none. */
  public String specVmipName() {
    return spec().path("virtualMachineIPAddressName").asText("");
  }

  /**
   * status.virtualMachineIPAddressName: the vmip the VM holds (its own, made when the spec names
   * none).
   */
  public String statusVmipName() {
    return statusText("virtualMachineIPAddressName");
  }

  /** status.migrationState.startTimestamp; empty when the VM never migrated. */
  public String migrationStart() {
    return json.path("status").path("migrationState").path("startTimestamp").asText("");
  }

  /** Whether status.migrationState records the end of the migration that started then. */
  public boolean migrationConcluded(String start) {
    JsonNode state = json.path("status").path("migrationState");
    return start.equals(state.path("startTimestamp").asText()) && state.hasNonNull("result");
  }

  /** status.migrationState.target.node while that migration has not ended; empty otherwise. */
  public Optional<String> migrationTargetInProgress() {
    JsonNode state = json.path("status").path("migrationState");
    String target = state.path("target").path("node").asText("");
    boolean inProgress =
        state.isObject() && !state.hasNonNull("endTimestamp") && !state.hasNonNull("result");
    return inProgress && !target.isEmpty() ? Optional.of(target) : Optional.empty();
  }

  /** The spec as stored, for the controller's record of the spec a start used. */
  public JsonNode spec() {
    return json.path("spec");
  }

  /** The spec as JSON text: what a start records of it, to tell later changes by. */
  public String specText() {
    return spec().toString();
  }

  /** A device's row in status.blockDeviceRefs. */
  public record DeviceStatus(DeviceRef ref, boolean hotplugged, boolean attached) {}

  /**
   * spec.provisioning: its type (UserData, UserDataRef, SysprepRef), the inline user data, and the
   * Secret a Ref type names (null for UserData).
   */
  public record Provisioning(String type, String userData, String secretName) {
    public boolean isSysprep() {
      return "SysprepRef".equals(type);
    }
  }
}

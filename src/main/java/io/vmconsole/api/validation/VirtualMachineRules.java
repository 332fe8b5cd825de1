package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.VmObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * VirtualMachine: metadata, class, CPU, memory and policy enums; devices are in {@link
 * VmDeviceRules}.
 */
final class VirtualMachineRules implements KindRules {

  static final int MAX_CORES = 248;
  static final Pattern CORE_FRACTION = Pattern.compile("^(Auto|(100|[1-9][0-9]?)%)$");

  private final ClusterFacts facts;

  VirtualMachineRules(ClusterFacts facts) {
    this.facts = facts;
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    VirtualMachineDefaults.apply(object);
  }

  @Override
  public void validate(ObjectNode vm, ObjectNode old, Errors errors) {
    MetadataRules.name(
        Json.at(vm, "metadata.name") == null ? null : Json.at(vm, "metadata.name").asText(),
        63,
        errors);
    MetadataRules.reservedKeys(vm, old, "labels", errors);
    MetadataRules.reservedKeys(vm, old, "annotations", errors);
    JsonNode spec = vm.path("spec");
    String className =
        Json.requireText(spec, "virtualMachineClassName", "spec.virtualMachineClassName", errors);
    Integer cores = cores(spec, errors);
    String fraction = coreFraction(spec, errors);
    memory(spec, errors);
    enums(spec, errors);
    VmDeviceRules.validate(spec, errors);
    if (facts != null) {
      disksInUse(vm, facts, errors);
    }
    if (facts != null && className != null && cores != null) {
      facts
          .virtualMachineClass(className)
          .ifPresent(
              c -> {
                classFraction(c, cores, fraction, errors);
                classMemory(c, cores, Json.at(spec, "memory.size"), errors);
              });
    }
  }

  /**
   * A VM that refers to a disk another VM runs with is stored (it waits for the disk), with a
   * warning that says so, as its BlockDevicesReady condition will.
   */
  private static void disksInUse(ObjectNode vm, ClusterFacts facts, Errors errors) {
    VmObject object = VmObject.of(vm);
    for (DeviceRef ref : object.blockDeviceRefs()) {
      if (ref.isVirtualDisk()) {
        facts
            .virtualDisk(object.namespace(), ref.name())
            .flatMap(d -> DiskObject.of(d).inUseByAnother(object.name()))
            .ifPresent(
                message -> errors.warn(message + ": this VM waits until that VM lets it go"));
      }
    }
  }

  private static Integer cores(JsonNode spec, Errors errors) {
    JsonNode cores = Json.at(spec, "cpu.cores");
    if (cores == null) {
      errors.add("spec.cpu.cores", "is required");
      return null;
    }
    if (!cores.canConvertToInt() || !cores.isIntegralNumber()) {
      errors.add("spec.cpu.cores", "must be an integer (got " + cores + ")");
      return null;
    }
    int n = cores.asInt();
    if (n < 1 || n > MAX_CORES) {
      errors.add("spec.cpu.cores", "must be between 1 and " + MAX_CORES + " (got " + n + ")");
      return null;
    }
    int sockets = sockets(n);
    if (n % sockets != 0) {
      errors.add(
          "spec.cpu.cores",
          "must be divisible by the socket count "
              + sockets
              + " above 16 cores (2 sockets for 17-32, 4 for 33-64, 8 above 64; got "
              + n
              + ")");
    }
    return n;
  }

  /** The socket count the VM gets for its cores (api.md §1.1). */
  static int sockets(int cores) {
    if (cores <= 16) {
      return 1;
    }
    if (cores <= 32) {
      return 2;
    }
    return cores <= 64 ? 4 : 8;
  }

  private static String coreFraction(JsonNode spec, Errors errors) {
    JsonNode f = Json.at(spec, "cpu.coreFraction");
    if (f == null) {
      return null;
    }
    if (!f.isTextual() || !CORE_FRACTION.matcher(f.asText()).matches()) {
      errors.add(
          "spec.cpu.coreFraction",
          "must match ^(Auto|(100|[1-9][0-9]?)%)$, a percent from 1% to 100% or Auto (got "
              + f
              + ")");
      return null;
    }
    return f.asText();
  }

  private static void classFraction(JsonNode vmClass, int cores, String fraction, Errors errors) {
    List<String> allowed = SizingPolicies.coreFractions(SizingPolicies.forCores(vmClass, cores));
    if (fraction != null
        && !fraction.equals("Auto")
        && !allowed.isEmpty()
        && !allowed.contains(fraction)) {
      errors.add(
          "spec.cpu.coreFraction",
          "must be one of the class's core fractions "
              + String.join(", ", allowed)
              + " (got "
              + fraction
              + ")");
    }
  }

  private static void classMemory(JsonNode vmClass, int cores, JsonNode size, Errors errors) {
    Quantities.sizeBytes(size)
        .flatMap(
            bytes -> SizingPolicies.memoryProblem(vmClass, cores, bytes, Quantities.shown(size)))
        .ifPresent(problem -> errors.add("spec.memory.size", problem));
  }

  private static void memory(JsonNode spec, Errors errors) {
    JsonNode size = Json.at(spec, "memory.size");
    if (size == null) {
      errors.add("spec.memory.size", "is required");
      return;
    }
    Quantities.sizeProblem(size).ifPresent(problem -> errors.add("spec.memory.size", problem));
  }

  private static void enums(JsonNode spec, Errors errors) {
    Json.requireEnum(
        spec,
        "runPolicy",
        "spec.runPolicy",
        false,
        List.of("AlwaysOn", "AlwaysOff", "Manual", "AlwaysOnUnlessStoppedManually"),
        errors);
    Json.requireEnum(
        spec.path("disruptions"),
        "restartApprovalMode",
        "spec.disruptions.restartApprovalMode",
        false,
        List.of("Manual", "Automatic"),
        errors);
    Json.requireEnum(
        spec, "osType", "spec.osType", false, List.of("Windows", "Generic", "Legacy"), errors);
    Json.requireEnum(
        spec,
        "bootloader",
        "spec.bootloader",
        false,
        List.of("BIOS", "EFI", "EFIWithSecureBoot"),
        errors);
    Json.requireEnum(
        spec,
        "liveMigrationPolicy",
        "spec.liveMigrationPolicy",
        false,
        List.of("AlwaysSafe", "PreferSafe", "AlwaysForced", "PreferForced"),
        errors);
    JsonNode grace = spec.get("terminationGracePeriodSeconds");
    if (grace != null && !grace.isNull() && (!grace.isIntegralNumber() || grace.asLong() < 0)) {
      errors.add(
          "spec.terminationGracePeriodSeconds",
          "must be a non-negative integer (got " + grace + ")");
    }
    JsonNode paravirt = spec.get("enableParavirtualization");
    if (paravirt != null && !paravirt.isNull() && !paravirt.isBoolean()) {
      errors.add("spec.enableParavirtualization", "must be true or false (got " + paravirt + ")");
    }
  }
}

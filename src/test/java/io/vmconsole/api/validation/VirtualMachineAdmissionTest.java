package io.vmconsole.api.validation;

import static io.vmconsole.api.validation.Fixtures.vm;
import static io.vmconsole.api.validation.Fixtures.with;
import static io.vmconsole.api.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.validation.Fixtures.Case;
import io.vmconsole.api.validation.Fixtures.FixedFacts;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** VirtualMachine rules of api.md §1, each with a passing and a failing row. */
class VirtualMachineAdmissionTest {

  private static final ObjectNode CLASS =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineClass
      metadata: {name: host}
      spec:
        cpu: {type: Host}
        sizingPolicies:
          - cores: {min: 1, max: 4}
            coreFractions: [5, 10, 20, 50, 100]
            defaultCoreFraction: 20
            memory: {min: 128Mi, max: 8Gi, step: 1Mi}
          - cores: {min: 5, max: 8}
            coreFractions: [100]
            memory: {min: 1Gi, max: 64Gi, step: 512Mi, perCore: {min: 1Gi, max: 4Gi}}
      """);

  private final ResourceAdmission admission = new ResourceAdmission();
  private final ResourceAdmission withFacts =
      new ResourceAdmission(
          new FixedFacts(List.of(CLASS), List.of("10.66.10.0/24"), List.of(), Set.of()));

  static Stream<Case> cases() {
    ObjectNode vm = vm();
    return Stream.of(
        Case.ok("the seed's VM", vm),
        Case.fails(
            "name not DNS-1123",
            with(vm, "metadata.name", "Linux_VM"),
            "metadata.name",
            "DNS-1123"),
        Case.ok("name of 63 characters", with(vm, "metadata.name", "a".repeat(63))),
        Case.fails(
            "name of 64 characters",
            with(vm, "metadata.name", "a".repeat(64)),
            "metadata.name",
            "at most 63 characters (got 64)"),
        Case.fails(
            "class missing",
            with(vm, "spec.virtualMachineClassName", "~"),
            "spec.virtualMachineClassName",
            "is required"),
        Case.fails(
            "class empty",
            with(vm, "spec.virtualMachineClassName", "''"),
            "spec.virtualMachineClassName",
            "is required"),
        Case.fails(
            "cores missing", with(vm, "spec.cpu.cores", "~"), "spec.cpu.cores", "is required"),
        Case.fails(
            "cores 0",
            with(vm, "spec.cpu.cores", "0"),
            "spec.cpu.cores",
            "must be between 1 and 248 (got 0)"),
        Case.ok("cores 16, one socket", with(vm, "spec.cpu.cores", "16")),
        Case.fails(
            "cores 17 on 2 sockets",
            with(vm, "spec.cpu.cores", "17"),
            "spec.cpu.cores",
            "divisible by the socket count 2"),
        Case.ok("cores 18 on 2 sockets", with(vm, "spec.cpu.cores", "18")),
        Case.fails(
            "cores 34 on 4 sockets",
            with(vm, "spec.cpu.cores", "34"),
            "spec.cpu.cores",
            "divisible by the socket count 4"),
        Case.ok("cores 36 on 4 sockets", with(vm, "spec.cpu.cores", "36")),
        Case.fails(
            "cores 66 on 8 sockets",
            with(vm, "spec.cpu.cores", "66"),
            "spec.cpu.cores",
            "divisible by the socket count 8"),
        Case.ok("cores 248", with(vm, "spec.cpu.cores", "248")),
        Case.fails(
            "cores 249",
            with(vm, "spec.cpu.cores", "249"),
            "spec.cpu.cores",
            "must be between 1 and 248 (got 249)"),
        Case.fails(
            "cores not a number",
            with(vm, "spec.cpu.cores", "two"),
            "spec.cpu.cores",
            "must be an integer"),
        Case.ok("coreFraction Auto", with(vm, "spec.cpu.coreFraction", "Auto")),
        Case.ok("coreFraction 100%", with(vm, "spec.cpu.coreFraction", "100%")),
        Case.fails(
            "coreFraction 0%",
            with(vm, "spec.cpu.coreFraction", "0%"),
            "spec.cpu.coreFraction",
            "must match ^(Auto|(100|[1-9][0-9]?)%)$"),
        Case.fails(
            "coreFraction 101%",
            with(vm, "spec.cpu.coreFraction", "101%"), "spec.cpu.coreFraction", "must match"),
        Case.fails(
            "coreFraction without %",
            with(vm, "spec.cpu.coreFraction", "'10'"), "spec.cpu.coreFraction", "must match"),
        Case.ok("memory 512Mi", with(vm, "spec.memory.size", "512Mi")),
        Case.fails(
            "memory missing", with(vm, "spec.memory", "~"), "spec.memory.size", "is required"),
        Case.fails(
            "memory not a quantity",
            with(vm, "spec.memory.size", "lots"),
            "spec.memory.size",
            "must be a quantity"),
        Case.ok("memory 0.375Gi", with(vm, "spec.memory.size", "0.375Gi")),
        Case.ok("memory 1e9", with(vm, "spec.memory.size", "1e9")),
        Case.fails(
            "memory not whole bytes",
            with(vm, "spec.memory.size", "'1.5'"),
            "spec.memory.size",
            "must be a whole number of bytes"),
        Case.fails(
            "memory zero",
            with(vm, "spec.memory.size", "'0'"),
            "spec.memory.size",
            "must be positive"),
        Case.fails(
            "memory negative",
            with(vm, "spec.memory.size", "-1Gi"),
            "spec.memory.size",
            "must be positive"),
        Case.fails(
            "no block devices",
            with(vm, "spec.blockDeviceRefs", "[]"),
            "spec.blockDeviceRefs",
            "must have 1 to 16 items (got 0)"),
        Case.fails(
            "block devices missing",
            with(vm, "spec.blockDeviceRefs", "~"),
            "spec.blockDeviceRefs",
            "is required"),
        Case.ok("16 block devices", with(vm, "spec.blockDeviceRefs", disks(16))),
        Case.fails(
            "17 block devices",
            with(vm, "spec.blockDeviceRefs", disks(17)),
            "spec.blockDeviceRefs",
            "must have 1 to 16 items (got 17)"),
        Case.fails(
            "unknown block device kind",
            with(vm, "spec.blockDeviceRefs", "[{kind: Pod, name: a}]"),
            "spec.blockDeviceRefs[0].kind",
            "must be one of ClusterVirtualImage, VirtualImage, VirtualDisk"),
        Case.fails(
            "block device without name",
            with(vm, "spec.blockDeviceRefs", "[{kind: VirtualDisk}]"),
            "spec.blockDeviceRefs[0].name",
            "is required"),
        Case.fails(
            "block device name not DNS-1123",
            with(vm, "spec.blockDeviceRefs", "[{kind: VirtualDisk, name: Root_Disk}]"),
            "spec.blockDeviceRefs[0].name",
            "DNS-1123"),
        Case.fails(
            "duplicate block device",
            with(
                vm,
                "spec.blockDeviceRefs",
                "[{kind: VirtualDisk, name: a}, {kind: VirtualDisk, name: a}]"),
            "spec.blockDeviceRefs[1]",
            "must not repeat a block device"),
        Case.ok(
            "same name, other kind",
            with(
                vm,
                "spec.blockDeviceRefs",
                "[{kind: VirtualDisk, name: a}, {kind: VirtualImage, name: a}]")),
        Case.fails(
            "bootOrder 0",
            with(vm, "spec.blockDeviceRefs", "[{kind: VirtualDisk, name: a, bootOrder: 0}]"),
            "spec.blockDeviceRefs[0].bootOrder",
            "at least 1"),
        Case.ok(
            "userData of 2048 bytes",
            with(
                vm, "spec.provisioning", "{type: UserData, userData: '" + "x".repeat(2048) + "'}")),
        Case.fails(
            "userData of 2049 bytes",
            with(vm, "spec.provisioning", "{type: UserData, userData: '" + "x".repeat(2049) + "'}"),
            "spec.provisioning.userData",
            "must be at most 2048 bytes (got 2049)"),
        Case.fails(
            "userData counted in UTF-8 bytes",
            with(vm, "spec.provisioning", "{type: UserData, userData: '" + "é".repeat(1025) + "'}"),
            "spec.provisioning.userData",
            "must be at most 2048 bytes (got 2050)"),
        Case.fails(
            "provisioning without type",
            with(vm, "spec.provisioning", "{userData: x}"),
            "spec.provisioning.type",
            "is required"),
        Case.fails(
            "provisioning type unknown",
            with(vm, "spec.provisioning", "{type: Ignition}"),
            "spec.provisioning.type",
            "must be one of UserData, UserDataRef, SysprepRef"),
        Case.fails(
            "field of another type",
            with(
                vm,
                "spec.provisioning",
                "{type: UserData, userData: x, userDataRef: {kind: Secret, name: s}}"),
            "spec.provisioning.userDataRef",
            "must not be set when type is UserData"),
        Case.fails(
            "field of the type missing",
            with(vm, "spec.provisioning", "{type: UserDataRef}"),
            "spec.provisioning.userDataRef",
            "is required when type is UserDataRef"),
        Case.ok(
            "userDataRef to a Secret",
            with(
                vm,
                "spec.provisioning",
                "{type: UserDataRef, userDataRef: {kind: Secret, name: cloud-init-example}}")),
        Case.fails(
            "userDataRef to a ConfigMap",
            with(
                vm,
                "spec.provisioning",
                "{type: UserDataRef, userDataRef: {kind: ConfigMap, name: c}}"),
            "spec.provisioning.userDataRef.kind",
            "must be one of Secret"),
        Case.fails(
            "sysprepRef without name",
            with(vm, "spec.provisioning", "{type: SysprepRef, sysprepRef: {kind: Secret}}"),
            "spec.provisioning.sysprepRef.name",
            "is required"),
        Case.ok(
            "Main first, then a Network",
            with(vm, "spec.networks", "[{type: Main}, {type: Network, name: user-net}]")),
        Case.fails(
            "Network first",
            with(vm, "spec.networks", "[{type: Network, name: user-net}]"),
            "spec.networks[0].type",
            "must be Main"),
        Case.fails(
            "Main with a name",
            with(vm, "spec.networks", "[{type: Main, name: x}]"),
            "spec.networks[0].name",
            "must not be set for the Main network"),
        Case.fails(
            "network id out of range",
            with(vm, "spec.networks", "[{type: Main}, {type: Network, name: n, id: 16384}]"),
            "spec.networks[1].id",
            "between 1 and 16383"),
        Case.ok("foreign label", with(vm, "metadata.labels", "{example.com/team: a}")),
        Case.fails(
            "label of the reserved group",
            with(vm, "metadata.labels", "{virtualization.deckhouse.io/x: a}"),
            "metadata.labels[virtualization.deckhouse.io/x]",
            "must not use the virtualization.deckhouse.io group"),
        Case.fails(
            "annotation of a reserved subdomain",
            with(vm, "metadata.annotations", "{vm.virtualization.deckhouse.io/x: a}"),
            "metadata.annotations[vm.virtualization.deckhouse.io/x]",
            "reserved"),
        Case.okUpdate(
            "reserved label already stored",
            with(vm, "metadata.labels", "{virtualization.deckhouse.io/x: a}"),
            with(
                with(vm, "metadata.labels", "{virtualization.deckhouse.io/x: a}"),
                "spec.runPolicy",
                "Manual")),
        Case.fails(
            "runPolicy unknown",
            with(vm, "spec.runPolicy", "Sometimes"),
            "spec.runPolicy",
            "must be one of AlwaysOn, AlwaysOff, Manual, AlwaysOnUnlessStoppedManually"),
        Case.fails(
            "osType unknown", with(vm, "spec.osType", "Plan9"), "spec.osType", "must be one of"),
        Case.fails(
            "liveMigrationPolicy Never (Go only)",
            with(vm, "spec.liveMigrationPolicy", "Never"),
            "spec.liveMigrationPolicy",
            "must be one of"),
        Case.fails(
            "restartApprovalMode unknown",
            with(vm, "spec.disruptions", "{restartApprovalMode: Later}"),
            "spec.disruptions.restartApprovalMode",
            "must be one of Manual, Automatic"),
        Case.fails(
            "Legacy without provisioning",
            with(
                with(vm, "spec.osType", "Legacy"),
                "spec.provisioning",
                "{type: UserData, userData: x}"),
            "spec.provisioning",
            "not supported with osType Legacy"),
        Case.fails(
            "usb devices over 8",
            with(vm, "spec.usbDevices", "[" + "{name: u},".repeat(8) + "{name: u}]"),
            "spec.usbDevices",
            "at most 8"),
        Case.fails(
            "affinity weight 0",
            with(
                vm,
                "spec.affinity",
                "{virtualMachineAndPodAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 0, virtualMachineAndPodAffinityTerm: {topologyKey: k}}]}}"),
            "spec.affinity.virtualMachineAndPodAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
            "between 1 and 100"));
  }

  private static String disks(int n) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      list.append(i == 0 ? "" : ", ").append("{kind: VirtualDisk, name: d").append(i).append("}");
    }
    return list.append("]").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) {
    c.check(admission);
  }

  @Test
  void coreFractionMustBeOneOfTheClassPolicy() {
    Case.ok("listed fraction", vm()).check(withFacts);
    Case.fails(
            "unlisted fraction",
            with(vm(), "spec.cpu.coreFraction", "15%"),
            "spec.cpu.coreFraction",
            "must be one of the class's core fractions 5%, 10%, 20%, 50%, 100% (got 15%)")
        .check(withFacts);
    Case.ok(
            "unknown class is not checked",
            with(
                with(vm(), "spec.virtualMachineClassName", "other"),
                "spec.cpu.coreFraction",
                "15%"))
        .check(withFacts);
    Case.ok("without facts the class is not read", with(vm(), "spec.cpu.coreFraction", "15%"))
        .check(admission);
  }

  @Test
  void memoryMustFitTheClassPolicyForTheCores() {
    for (String fits : List.of("128Mi", "0.375Gi", "1Gi", "8Gi")) {
      Case.ok("memory " + fits, with(vm(), "spec.memory.size", fits)).check(withFacts);
    }
    String range = "must be within the sizing policy of class host for 1–4 cores: memory 128Mi–8Gi";
    for (String outside : List.of("100Mi", "9Gi", "1000Gi", "1Ei")) {
      Case.fails(
              "memory " + outside,
              with(vm(), "spec.memory.size", outside),
              "spec.memory.size",
              range + " (got " + outside + ")")
          .check(withFacts);
    }
    Case.fails(
            "memory off the step",
            with(vm(), "spec.memory.size", "'1e9'"),
            "spec.memory.size",
            "must be 128Mi plus a whole number of steps of 1Mi in the sizing policy of class host"
                + " for 1–4 cores (got 1e9)")
        .check(withFacts);
    // Unquoted, YAML reads a number: shown in digits, not as a double.
    Case.fails(
            "memory off the step, as a number",
            with(vm(), "spec.memory.size", "1e9"),
            "spec.memory.size",
            "(got 1000000000)")
        .check(withFacts);
    ObjectNode six = with(with(vm(), "spec.cpu.cores", "6"), "spec.cpu.coreFraction", "100%");
    Case.ok("6 GiB for 6 cores", with(six, "spec.memory.size", "6Gi")).check(withFacts);
    Case.fails(
            "memory per core",
            with(six, "spec.memory.size", "4Gi"),
            "spec.memory.size",
            "memory per core 1Gi–4Gi, that is for 6 cores (got 4Gi)")
        .check(withFacts);
  }

  @Test
  void defaultCoreFractionComesFromTheClass() {
    assertThat(VirtualMachineDefaults.coreFraction(CLASS, 2)).isEqualTo("20%");
    assertThat(VirtualMachineDefaults.coreFraction(CLASS, 8)).isEqualTo("100%");
    assertThat(
            VirtualMachineDefaults.coreFraction(
                with(
                    CLASS,
                    "spec.sizingPolicies",
                    "[{cores: {min: 1, max: 4}, defaultCoreFraction: Auto}]"),
                1))
        .isEqualTo("Auto");
    assertThat(VirtualMachineDefaults.coreFraction(null, 1)).isEqualTo("100%");
  }

  @Test
  void statusWritesAreNotCheckedAgainstSpecRules() {
    ObjectNode broken = with(vm(), "spec.cpu.cores", "0");
    var result = admission.review(Fixtures.request(broken, vm(), "status"));
    assertThat(result.isAllowed()).isTrue();
    assertThat(result.object()).isEqualTo(broken);
  }

  @Test
  void unknownKindsPassUnchanged() {
    ObjectNode secret =
        yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {userData: eA==}}");
    assertThat(admission.review(Fixtures.request(secret, null, null)).object()).isEqualTo(secret);
  }

  @Test
  void allBrokenRulesAreReportedAtOnce() {
    ObjectNode vm = with(with(vm(), "spec.cpu.cores", "0"), "spec.memory.size", "lots");
    List<FieldError> errors = Fixtures.errors(admission, vm);
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly("spec.cpu.cores", "spec.memory.size");
  }
}

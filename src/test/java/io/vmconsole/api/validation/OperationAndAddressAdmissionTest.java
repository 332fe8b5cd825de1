package io.vmconsole.api.validation;

import static io.vmconsole.api.validation.Fixtures.with;
import static io.vmconsole.api.validation.Fixtures.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.validation.Fixtures.Case;
import io.vmconsole.api.validation.Fixtures.FixedFacts;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** vmop, vmip, vmipl and vmbda rules (api.md §2–5). */
class OperationAndAddressAdmissionTest {

  static final ObjectNode VMOP =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineOperation
      metadata: {name: restart-linux-vm, namespace: default}
      spec: {virtualMachineName: linux-vm, type: Restart}
      """);
  static final ObjectNode VMIP =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineIPAddress
      metadata: {name: linux-vm-custom-ip, namespace: default}
      spec: {staticIP: 10.66.20.77, type: Static}
      """);
  static final ObjectNode AUTO_BOUND =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineIPAddress
      metadata: {name: linux-vm-7prpx, namespace: default}
      spec: {type: Auto}
      status: {address: 10.66.20.14, phase: Bound}
      """);
  static final ObjectNode LEASE =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineIPAddressLease
      metadata: {name: ip-10-66-20-77}
      spec: {virtualMachineIPAddressRef: {namespace: other, name: theirs}}
      status: {phase: Bound}
      """);
  static final ObjectNode VMBDA =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineBlockDeviceAttachment
      metadata: {name: attach-blank-disk, namespace: default}
      spec: {blockDeviceRef: {kind: VirtualDisk, name: blank-disk}, virtualMachineName: linux-vm}
      """);

  static Stream<Case> cases() {
    ObjectNode boundStatic = with(VMIP, "status", "{address: 10.66.20.77, phase: Bound}");
    return Stream.of(
        Case.ok("restart", VMOP),
        Case.fails(
            "unknown type",
            with(VMOP, "spec.type", "Reboot"),
            "spec.type",
            "must be one of Start, Stop, Restart, Migrate, Evict, Restore, Clone"),
        Case.fails(
            "no VM",
            with(VMOP, "spec.virtualMachineName", "~"),
            "spec.virtualMachineName",
            "is required"),
        Case.fails(
            "force with Start",
            with(with(VMOP, "spec.type", "Start"), "spec.force", "true"),
            "spec.force",
            "is not allowed with type Start"),
        Case.ok("force with Stop", with(with(VMOP, "spec.type", "Stop"), "spec.force", "true")),
        Case.fails(
            "migrate with Evict",
            with(with(VMOP, "spec.type", "Evict"), "spec.migrate", "{nodeSelector: {a: b}}"),
            "spec.migrate",
            "only allowed with type Migrate"),
        Case.ok(
            "migrate with Migrate",
            with(with(VMOP, "spec.type", "Migrate"), "spec.migrate", "{nodeSelector: {a: b}}")),
        Case.fails(
            "Restore without restore",
            with(VMOP, "spec.type", "Restore"),
            "spec.restore",
            "is required when type is Restore"),
        Case.ok(
            "Restore with restore",
            with(
                with(VMOP, "spec.type", "Restore"),
                "spec.restore",
                "{mode: Strict, virtualMachineSnapshotName: snap}")),
        Case.fails(
            "Clone without clone",
            with(VMOP, "spec.type", "Clone"),
            "spec.clone",
            "is required when type is Clone"),
        Case.ok(
            "Clone with clone",
            with(
                with(VMOP, "spec.type", "Clone"),
                "spec.clone",
                "{mode: Strict, customization: {namePrefix: copy-}}")),
        Case.fails(
            "clone suffix too long",
            with(
                with(VMOP, "spec.type", "Clone"),
                "spec.clone",
                "{mode: Strict, customization: {nameSuffix: " + "x".repeat(60) + "}}"),
            "spec.clone.customization.nameSuffix",
            "1 to 59 characters"),
        Case.failsUpdate(
            "vmop spec changed", VMOP, with(VMOP, "spec.type", "Stop"), "spec", "is immutable"),
        Case.okUpdate("vmop label changed", VMOP, with(VMOP, "metadata.labels", "{a: b}")),
        Case.ok("static address", VMIP),
        Case.ok("auto address", with(VMIP, "spec", "{type: Auto}")),
        Case.fails("type missing", with(VMIP, "spec.type", "~"), "spec.type", "is required"),
        Case.fails(
            "static without IP",
            with(VMIP, "spec.staticIP", "~"),
            "spec.staticIP",
            "is required when type is Static"),
        Case.fails(
            "auto with IP",
            with(VMIP, "spec.type", "Auto"),
            "spec.staticIP",
            "must not be set when type is Auto"),
        Case.fails(
            "not an IPv4 address",
            with(VMIP, "spec.staticIP", "10.66.20.300"),
            "spec.staticIP",
            "must be a valid IPv4 address"),
        Case.failsUpdate(
            "bound static IP changed",
            boundStatic,
            with(boundStatic, "spec.staticIP", "10.66.20.78"),
            "spec.staticIP",
            "can't change once the address is Bound"),
        Case.okUpdate(
            "unbound static IP changed", VMIP, with(VMIP, "spec.staticIP", "10.66.20.78")),
        Case.okUpdate(
            "bound Auto to Static with the same IP",
            AUTO_BOUND,
            with(AUTO_BOUND, "spec", "{type: Static, staticIP: 10.66.20.14}")),
        Case.failsUpdate(
            "bound Auto to Static with another IP",
            AUTO_BOUND,
            with(AUTO_BOUND, "spec", "{type: Static, staticIP: 10.66.20.15}"),
            "spec.type",
            "can't change once the address is Bound"),
        Case.failsUpdate(
            "bound Static to Auto",
            boundStatic,
            with(boundStatic, "spec", "{type: Auto}"),
            "spec.type",
            "can't change once the address is Bound"),
        Case.ok("lease name from the address", LEASE),
        Case.fails(
            "lease name not an address",
            with(LEASE, "metadata.name", "lease-1"),
            "metadata.name",
            "must be ip-A-B-C-D"),
        Case.fails(
            "lease name octet out of range",
            with(LEASE, "metadata.name", "ip-10-66-10-300"),
            "metadata.name",
            "must be ip-A-B-C-D"),
        Case.ok("attach a disk", VMBDA),
        Case.fails(
            "attach without VM",
            with(VMBDA, "spec.virtualMachineName", "~"),
            "spec.virtualMachineName",
            "is required"),
        Case.fails(
            "attach without ref",
            with(VMBDA, "spec.blockDeviceRef", "~"),
            "spec.blockDeviceRef",
            "is required"),
        Case.fails(
            "attach an unknown kind",
            with(VMBDA, "spec.blockDeviceRef.kind", "Volume"),
            "spec.blockDeviceRef.kind",
            "must be one of"),
        Case.fails(
            "attach without a name",
            with(VMBDA, "spec.blockDeviceRef.name", "~"),
            "spec.blockDeviceRef.name",
            "is required"),
        Case.failsUpdate(
            "attachment changed",
            VMBDA,
            with(VMBDA, "spec.virtualMachineName", "other-vm"),
            "spec",
            "is immutable"));
  }

  static Stream<Case> poolCases() {
    return Stream.of(
        Case.fails(
            "another's lease",
            VMIP,
            "spec.staticIP",
            "the IP address 10.66.20.77 has already been allocated and has not been released"),
        Case.ok("a released lease", with(VMIP, "spec.staticIP", "10.66.20.78")),
        Case.fails(
            "outside the pool",
            with(VMIP, "spec.staticIP", "10.66.30.7"),
            "spec.staticIP",
            "must be inside virtualMachineCIDRs 10.66.20.0/24"),
        Case.fails(
            "network address",
            with(VMIP, "spec.staticIP", "10.66.20.0"),
            "spec.staticIP",
            "must not be the first or last address"),
        Case.fails(
            "broadcast address",
            with(VMIP, "spec.staticIP", "10.66.20.255"),
            "spec.staticIP",
            "must not be the first or last address"),
        Case.ok("auto in the pool", with(VMIP, "spec", "{type: Auto}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) {
    c.check(new ResourceAdmission());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poolCases")
  void poolRule(Case c) {
    ObjectNode released =
        with(with(LEASE, "metadata.name", "ip-10-66-20-78"), "status.phase", "Released");
    c.check(
        new ResourceAdmission(
            new FixedFacts(
                List.of(), List.of("10.66.20.0/24"), List.of(LEASE, released), Set.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownLease")
  void ownLeaseIsNotAnotherClaim(Case c) {
    ObjectNode own =
        with(
            LEASE,
            "spec.virtualMachineIPAddressRef",
            "{namespace: default, name: linux-vm-custom-ip}");
    c.check(
        new ResourceAdmission(
            new FixedFacts(List.of(), List.of("10.66.20.0/24"), List.of(own), Set.of())));
  }

  static Stream<Case> ownLease() {
    return Stream.of(
        Case.okUpdate("bound to this vmip", VMIP, with(VMIP, "metadata.labels", "{a: b}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noPool")
  void refusedWithoutPool(Case c) {
    c.check(new ResourceAdmission(new FixedFacts(List.of(), List.of(), List.of(), Set.of())));
  }

  static Stream<Case> noPool() {
    return Stream.of(
        Case.fails("no virtualMachineCIDRs", VMIP, "spec", "virtualMachineCIDRs is not set"));
  }
}

package io.vmconsole.api.change;

import static io.vmconsole.api.change.ChangeFixtures.edited;
import static io.vmconsole.api.change.ChangeFixtures.json;
import static io.vmconsole.api.change.ChangeFixtures.seedSpec;
import static io.vmconsole.api.change.ChangeFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case edits the seed's linux-vm spec (optionally both sides) and expects the listed changes.
 */
class SpecChangesTest {

  record Case(String name, Consumer<ObjectNode> base, Consumer<ObjectNode> edit, String expected) {
    static Case of(String name, Consumer<ObjectNode> edit, String expected) {
      return new Case(name, s -> {}, edit, expected);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("cores 1→2", s -> cpu(s).put("cores", 2), "replace cpu.cores RESTART"),
        Case.of(
            "coreFraction",
            s -> cpu(s).put("coreFraction", "20%"),
            "replace cpu.coreFraction RESTART"),
        Case.of(
            "both cpu fields are one cpu replace",
            s -> cpu(s).put("cores", 2).put("coreFraction", "20%"),
            "replace cpu RESTART"),
        Case.of("memory", s -> s.with("memory").put("size", "2Gi"), "replace memory.size RESTART"),
        Case.of("memory same amount, other unit", s -> s.with("memory").put("size", "1024Mi"), ""),
        Case.of(
            "class",
            s -> s.put("virtualMachineClassName", "generic"),
            "replace virtualMachineClassName RESTART"),
        Case.of("runPolicy", s -> s.put("runPolicy", "AlwaysOn"), "replace runPolicy APPLY_NOW"),
        Case.of(
            "restartApprovalMode",
            s -> s.with("disruptions").put("restartApprovalMode", "Automatic"),
            "replace disruptions.restartApprovalMode APPLY_NOW"),
        Case.of("explicit defaults", SpecChangesTest::writeDefaults, ""),
        Case.of("grace period as a long", s -> s.put("terminationGracePeriodSeconds", 60L), ""),
        Case.of(
            "grace period 30",
            s -> s.put("terminationGracePeriodSeconds", 30),
            "replace terminationGracePeriodSeconds RESTART"),
        Case.of("osType Windows", s -> s.put("osType", "Windows"), "replace osType RESTART"),
        Case.of(
            "nodeSelector added",
            s -> s.putObject("nodeSelector").put("disktype", "ssd"),
            "add nodeSelector RESTART"),
        Case.of("empty nodeSelector is none", s -> s.putObject("nodeSelector"), ""),
        new Case(
            "nodeSelector changed",
            s -> s.putObject("nodeSelector").put("disktype", "ssd"),
            s -> s.putObject("nodeSelector").put("disktype", "hdd"),
            "replace nodeSelector RESTART"),
        Case.of(
            "tolerations and affinity as blocks",
            s -> {
              s.putArray("tolerations")
                  .addObject()
                  .put("key", "dedicated")
                  .put("operator", "Exists");
              s.putObject("affinity").putObject("nodeAffinity").put("x", 1);
            },
            "add affinity RESTART; add tolerations RESTART"),
        Case.of(
            "networks as a block",
            s -> s.putArray("networks").addObject().put("type", "Main"),
            "add networks RESTART"),
        Case.of(
            "userData",
            s -> s.with("provisioning").put("userData", "#cloud-config\n"),
            "replace provisioning.userData RESTART"),
        Case.of(
            "cloud-init removed", s -> s.remove("provisioning"), "remove provisioning APPLY_NOW"),
        new Case(
            "cloud-init added",
            s -> s.remove("provisioning"),
            s -> s.set("provisioning", json("{type: UserData, userData: x}")),
            "add provisioning RESTART"),
        Case.of(
            "type switched",
            s -> s.set("provisioning", userDataRef("a")),
            "replace provisioning RESTART"),
        new Case(
            "userDataRef name",
            s -> s.set("provisioning", userDataRef("a")),
            s -> s.set("provisioning", userDataRef("b")),
            "replace provisioning.userDataRef.name RESTART"),
        new Case(
            "sysprep removed",
            s ->
                s.set(
                    "provisioning",
                    json("{type: SysprepRef, sysprepRef: {kind: Secret, name: w}}")),
            s -> s.remove("provisioning"),
            "remove provisioning RESTART"),
        Case.of(
            "device added",
            s -> disks(s).add(disk("VirtualImage", "iso")),
            "add blockDeviceRefs.1 RESTART"),
        new Case(
            "device removed",
            s -> disks(s).add(disk("VirtualImage", "iso")),
            s -> disks(s).remove(1),
            "remove blockDeviceRefs.1 RESTART"),
        Case.of(
            "device replaced (add+remove at one index)",
            s -> disks(s).set(0, disk("VirtualDisk", "other")),
            "replace blockDeviceRefs.0 RESTART"),
        new Case(
            "devices reordered",
            s -> disks(s).add(disk("VirtualImage", "iso")),
            s -> disks(s).insert(0, disks(s).remove(1)),
            "replace blockDeviceRefs.0 RESTART; replace blockDeviceRefs.1 RESTART"),
        new Case(
            "first of three removed",
            SpecChangesTest::threeDisks,
            s -> disks(s).remove(0),
            "replace blockDeviceRefs.0 RESTART; replace blockDeviceRefs.1 RESTART; remove blockDeviceRefs.2 RESTART"),
        Case.of(
            "bootOrder set",
            s -> ((ObjectNode) disks(s).get(0)).put("bootOrder", 1),
            "replace blockDeviceRefs.0 RESTART"),
        new Case(
            "indexes order as numbers",
            SpecChangesTest::elevenDisks,
            s -> {
              disks(s).set(10, disk("VirtualDisk", "x"));
              disks(s).set(2, disk("VirtualDisk", "y"));
            },
            "replace blockDeviceRefs.2 RESTART; replace blockDeviceRefs.10 RESTART"),
        Case.of(
            "several, ordered by path",
            s -> {
              s.put("runPolicy", "Manual");
              s.with("memory").put("size", "2Gi");
              cpu(s).put("cores", 2);
            },
            "replace cpu.cores RESTART; replace memory.size RESTART; replace runPolicy APPLY_NOW"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void changes(Case c) {
    ObjectNode current = edited(seedSpec(), c.base());
    ObjectNode desired = edited(current, c.edit());
    assertThat(summary(SpecChanges.between(current, desired))).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deterministicWhateverTheKeyOrder(Case c) {
    ObjectNode current = edited(seedSpec(), c.base());
    ObjectNode desired = edited(current, c.edit());
    var once = SpecChanges.between(current, desired);
    assertThat(SpecChanges.between(reversed(current), reversed(desired))).isEqualTo(once);
    assertThat(SpecChanges.between(current, desired)).isEqualTo(once);
  }

  @Test
  void inputsAreNotModified() {
    ObjectNode current = seedSpec();
    ObjectNode desired = edited(current, s -> cpu(s).put("cores", 2));
    ObjectNode before = current.deepCopy();
    SpecChanges.between(current, desired);
    assertThat(current).isEqualTo(before);
    assertThat(desired.has("runPolicy")).as("not defaulted in place").isFalse();
  }

  @Test
  void bothCpuFieldsCarryTheWholeObjects() {
    ObjectNode desired = edited(seedSpec(), s -> cpu(s).put("cores", 2).put("coreFraction", "20%"));
    FieldChange change = SpecChanges.between(seedSpec(), desired).get(0);
    assertThat(change.currentValue()).isEqualTo(json("{cores: 1, coreFraction: 10%}"));
    assertThat(change.desiredValue()).isEqualTo(json("{cores: 2, coreFraction: 20%}"));
  }

  @Test
  void classDefaultCoreFractionWrittenOutIsNoChange() {
    ObjectNode vmClass =
        json(
            "spec: {sizingPolicies: [{cores: {min: 1, max: 4}, defaultCoreFraction: 50, coreFractions: [50, 100]}]}");
    ObjectNode current = edited(seedSpec(), s -> cpu(s).remove("coreFraction"));
    ObjectNode desired = edited(current, s -> cpu(s).put("coreFraction", "50%"));
    assertThat(SpecChanges.between(current, desired, vmClass)).isEmpty();
    assertThat(summary(SpecChanges.between(current, desired)))
        .isEqualTo("add cpu.coreFraction RESTART");
  }

  private static ObjectNode cpu(ObjectNode spec) {
    return spec.with("cpu");
  }

  private static ArrayNode disks(ObjectNode spec) {
    return spec.withArray("blockDeviceRefs");
  }

  private static ObjectNode disk(String kind, String name) {
    return json("{kind: " + kind + ", name: " + name + "}");
  }

  private static ObjectNode userDataRef(String name) {
    return json("{type: UserDataRef, userDataRef: {kind: Secret, name: " + name + "}}");
  }

  private static void threeDisks(ObjectNode spec) {
    disks(spec).add(disk("VirtualDisk", "data")).add(disk("VirtualImage", "iso"));
  }

  private static void elevenDisks(ObjectNode spec) {
    for (int i = 1; i < 11; i++) {
      disks(spec).add(disk("VirtualDisk", "d" + i));
    }
  }

  private static void writeDefaults(ObjectNode spec) {
    spec.put("runPolicy", "AlwaysOnUnlessStoppedManually");
    spec.with("disruptions").put("restartApprovalMode", "Manual");
    spec.put("terminationGracePeriodSeconds", 60);
    spec.put("enableParavirtualization", true);
    spec.put("osType", "Generic");
    spec.put("bootloader", "BIOS");
    spec.put("liveMigrationPolicy", "PreferSafe");
  }

  /** The same object with every object's keys in reverse order. */
  private static ObjectNode reversed(ObjectNode node) {
    ObjectNode out = node.objectNode();
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    for (String n : names) {
      var v = node.get(n);
      out.set(n, v instanceof ObjectNode o ? reversed(o) : v.deepCopy());
    }
    return out;
  }
}

package io.vmconsole.api.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table: every path the seed and api.md §1.4 name, with all feature gates off. */
class ChangeRulesTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "metadata.labels, APPLY_NOW",
    "metadata.annotations, APPLY_NOW",
    "runPolicy, APPLY_NOW",
    "disruptions.restartApprovalMode, APPLY_NOW",
    "disruptions, NONE",
    "cpu, RESTART",
    "cpu.cores, RESTART",
    "cpu.coreFraction, RESTART",
    "memory.size, RESTART",
    "virtualMachineClassName, RESTART",
    "virtualMachineIPAddressName, RESTART",
    "terminationGracePeriodSeconds, RESTART",
    "enableParavirtualization, RESTART",
    "osType, RESTART",
    "bootloader, RESTART",
    "liveMigrationPolicy, RESTART",
    "priorityClassName, RESTART",
    "nodeSelector, RESTART",
    "affinity, RESTART",
    "tolerations, RESTART",
    "topologySpreadConstraints, RESTART",
    "provisioning, RESTART",
    "provisioning.userData, RESTART",
    "provisioning.userDataRef.name, RESTART",
    "provisioning.sysprepRef.kind, RESTART",
    "blockDeviceRefs.0, RESTART",
    "blockDeviceRefs.12, RESTART",
    "networks, RESTART",
    "usbDevices, RESTART",
    "gpus, RESTART",
    "someFutureField, RESTART",
  })
  void actionForPath(String path, ChangeAction expected) {
    assertThat(ChangeRules.actionFor(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "remove provisioning of type {0} → {1}")
  @CsvSource({"UserData, APPLY_NOW", "UserDataRef, APPLY_NOW", "SysprepRef, RESTART"})
  void removingProvisioning(String type, ChangeAction expected) {
    var current = ChangeFixtures.json("type: " + type);
    assertThat(ChangeRules.actionFor("provisioning", ChangeOperation.REMOVE, current, null))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} provisioning → RESTART")
  @CsvSource({"ADD", "REPLACE"})
  void addingOrReplacingProvisioningNeedsRestart(ChangeOperation operation) {
    var value = ChangeFixtures.json("type: UserData");
    assertThat(ChangeRules.actionFor("provisioning", operation, value, value))
        .isEqualTo(ChangeAction.RESTART);
  }
}

package io.vmconsole.api.validation;

import static io.vmconsole.api.validation.Fixtures.vm;
import static io.vmconsole.api.validation.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.disk.VirtualImage;
import io.vmconsole.api.vm.VirtualMachine;
import io.vmconsole.api.vm.VirtualMachineSpec.RunPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults are applied on create and update, and writing them out changes nothing. */
class DefaultsTest {

  private final ResourceAdmission admission = new ResourceAdmission();

  private ObjectNode admitted(ObjectNode object, ObjectNode old) {
    var result = admission.review(Fixtures.request(object, old, null));
    assertThat(result.errors()).isEmpty();
    return result.object();
  }

  @Test
  void vmDefaultsOnCreate() {
    ObjectNode spec = (ObjectNode) admitted(vm(), null).get("spec");
    assertThat(spec.get("runPolicy").asText()).isEqualTo("AlwaysOnUnlessStoppedManually");
    assertThat(spec.at("/disruptions/restartApprovalMode").asText()).isEqualTo("Manual");
    assertThat(spec.get("terminationGracePeriodSeconds").asLong()).isEqualTo(60);
    assertThat(spec.get("enableParavirtualization").asBoolean()).isTrue();
    assertThat(spec.get("osType").asText()).isEqualTo("Generic");
    assertThat(spec.get("bootloader").asText()).isEqualTo("BIOS");
    assertThat(spec.get("liveMigrationPolicy").asText()).isEqualTo("PreferSafe");
    assertThat(spec.at("/cpu/coreFraction").asText()).as("left to the controller").isEqualTo("10%");
  }

  @Test
  void vmDefaultsOnUpdate() {
    ObjectNode stored = admitted(vm(), null);
    ObjectNode update = with(vm(), "spec.cpu.cores", "2");
    ObjectNode spec = (ObjectNode) admitted(update, stored).get("spec");
    assertThat(spec.get("runPolicy").asText()).isEqualTo("AlwaysOnUnlessStoppedManually");
    assertThat(spec.at("/cpu/cores").asInt()).isEqualTo(2);
  }

  @Test
  void writingTheDefaultsExplicitlyGivesTheSameObject() {
    ObjectNode explicit = vm();
    ObjectNode spec = (ObjectNode) explicit.get("spec");
    spec.put("runPolicy", "AlwaysOnUnlessStoppedManually");
    spec.putObject("disruptions").put("restartApprovalMode", "Manual");
    spec.put("terminationGracePeriodSeconds", 60);
    spec.put("enableParavirtualization", true);
    spec.put("osType", "Generic");
    spec.put("bootloader", "BIOS");
    spec.put("liveMigrationPolicy", "PreferSafe");
    assertThat(admitted(explicit, null)).isEqualTo(admitted(vm(), null));
    assertThat(admitted(admitted(vm(), null), null))
        .as("idempotent")
        .isEqualTo(admitted(vm(), null));
  }

  @Test
  void explicitValuesWin() {
    ObjectNode spec =
        (ObjectNode) admitted(with(vm(), "spec.runPolicy", "Manual"), null).get("spec");
    assertThat(spec.get("runPolicy").asText()).isEqualTo("Manual");
  }

  @Test
  void virtualImageStorageDefaultsToTheRegistry() {
    ObjectNode vi =
        Fixtures.yaml(
            """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualImage
        metadata: {name: ubuntu-iso, namespace: default}
        spec: {dataSource: {type: HTTP, http: {url: "https://example.com/ubuntu.iso"}}}
        """);
    assertThat(admitted(vi, null).at("/spec/storage").asText()).isEqualTo("ContainerRegistry");
  }

  @Test
  void typedEntryGivesTheSameErrorsAndDefaults() {
    VirtualMachine vm =
        Serialization.jsonMapper()
            .convertValue(with(vm(), "spec.cpu.cores", "17"), VirtualMachine.class);
    List<FieldError> typed = admission.validate(vm);
    assertThat(typed).isEqualTo(Fixtures.errors(admission, with(vm(), "spec.cpu.cores", "17")));
    assertThat(typed)
        .extracting(FieldError::message)
        .containsExactly(
            "spec.cpu.cores: must be divisible by the socket count 2 above 16 cores (2 sockets for 17-32, 4 for 33-64, 8 above 64; got 17)");

    VirtualMachine ok = Serialization.jsonMapper().convertValue(vm(), VirtualMachine.class);
    assertThat(admission.validate(ok)).isEmpty();
    assertThat(admission.withDefaults(ok).getSpec().runPolicy())
        .isEqualTo(RunPolicy.AlwaysOnUnlessStoppedManually);

    VirtualImage vi = new VirtualImage();
    vi.getMetadata().setName("no-source");
    assertThat(admission.validate(vi)).extracting(FieldError::field).contains("spec.dataSource");
  }
}

package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ViewerRedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hidesInlineCloudInitAndTheAnnotationsThatCopyTheSpecAndLeavesTheRest() throws Exception {
    JsonNode vm =
        JSON.readTree(
            """
        {"metadata": {"name": "v", "annotations": {
           "kubectl.kubernetes.io/last-applied-configuration": "{\\"spec\\":{\\"provisioning\\":{\\"userData\\":\\"pw\\"}}}",
           "vmconsole.io/last-started-spec": "{\\"provisioning\\":{\\"userData\\":\\"pw\\"}}",
           "team": "blue"}},
         "spec": {"cpu": {"cores": 2}, "provisioning": {"type": "UserData", "userData": "password: hunter2"}}}
        """);
    JsonNode shown = ViewerRedaction.redact(vm);

    assertThat(shown.toString()).doesNotContain("hunter2").doesNotContain("pw");
    assertThat(shown.path("spec").path("provisioning").path("userData").asText())
        .isEqualTo(ViewerRedaction.HIDDEN);
    assertThat(shown.path("spec").path("provisioning").path("type").asText()).isEqualTo("UserData");
    assertThat(shown.path("metadata").path("annotations").path("team").asText()).isEqualTo("blue");
    assertThat(shown.path("spec").path("cpu").path("cores").asInt()).isEqualTo(2);
    assertThat(vm.toString()).as("the VM itself is untouched").contains("hunter2");
  }

  @Test
  void aSecretReferenceStaysVisibleAndNothingIsAddedWhereNothingIsHidden() throws Exception {
    JsonNode vm =
        JSON.readTree(
            """
        {"metadata": {"name": "v"}, "spec": {"provisioning": {"type": "UserDataRef",
           "userDataRef": {"kind": "Secret", "name": "init"}}}}
        """);
    assertThat(ViewerRedaction.redact(vm)).isEqualTo(vm);
  }

  @Test
  void provisioningPathsOfPendingChangesAreHidden() {
    assertThat(ViewerRedaction.hides("provisioning.userData")).isTrue();
    assertThat(ViewerRedaction.hides("provisioning")).isTrue();
    assertThat(ViewerRedaction.hides("cpu.cores")).isFalse();
    assertThat(ViewerRedaction.hides("provisioningX")).isFalse();
  }
}

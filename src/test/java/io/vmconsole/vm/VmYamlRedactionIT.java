package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 16 item 6: a viewer of the namespace reads the VM page's YAML without the inline cloud-init
 * and without the annotations that copy it (kubectl's last-applied, the controller's last-started
 * spec); an operator reads it all.
 */
class VmYamlRedactionIT extends ConsoleIntegrationTest {
  private static final String PASSWORD_LINE =
      "chpasswd: {list: 'cloud:s3cr3t-pa55', expire: false}";

  @Autowired VirtualMachineService vms;

  @Test
  void aViewersYamlTabShowsNoUserDataAnOperatorsShowsIt() throws Exception {
    String ns = newNamespace("redact");
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Kubectl.Result applied =
        kubectl()
            .runWithInput(
                """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: with-password
        spec:
          virtualMachineClassName: generic
          runPolicy: AlwaysOff
          cpu: {cores: 1, coreFraction: 100%%}
          memory: {size: 256Mi}
          provisioning:
            type: UserData
            userData: |
              #cloud-config
              %s
          blockDeviceRefs:
            - {kind: VirtualDisk, name: with-password-root}
        """
                    .formatted(PASSWORD_LINE),
                "apply",
                "-n",
                ns,
                "-f",
                "-");
    assertThat(applied.exit()).as(applied.err()).isZero();

    String operatorsYaml =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    as(
                        operator,
                        () -> vms.get(ns, "with-password").map(VmDetails::yaml).orElse("")),
                y -> y.contains("last-applied-configuration"));
    assertThat(operatorsYaml).contains("s3cr3t-pa55");

    String viewersYaml = as(viewer, () -> vms.get(ns, "with-password").orElseThrow().yaml());
    assertThat(viewersYaml).doesNotContain("s3cr3t-pa55").doesNotContain("chpasswd");
    JsonNode shown = Serialization.unmarshal(viewersYaml, JsonNode.class);
    assertThat(shown.path("spec").path("provisioning").path("userData").asText())
        .isEqualTo(ViewerRedaction.HIDDEN);
    assertThat(
            shown
                .path("metadata")
                .path("annotations")
                .path("kubectl.kubernetes.io/last-applied-configuration")
                .asText())
        .isEqualTo(ViewerRedaction.HIDDEN);
  }

  private <T> T as(String username, Supplier<T> action) {
    ConsoleUser principal = new ConsoleUser(users.find(username).orElseThrow(), false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
    try {
      return action.get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}

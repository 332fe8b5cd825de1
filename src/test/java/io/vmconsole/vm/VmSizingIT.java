package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Kubectl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A VM's memory against its class's sizing policy, through kubectl against the embedded topology's
 * own classes (the form shows the same rule: VmBadInputE2E). Nothing is written.
 */
class VmSizingIT extends ConsoleIntegrationTest {

  private static String vm(String className, int cores, String fraction, String memory) {
    return """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: sized}
        spec:
          virtualMachineClassName: %s
          cpu: {cores: %d, coreFraction: "%s"}
          memory: {size: "%s"}
          blockDeviceRefs: [{kind: VirtualDisk, name: sized-root}]
        """
        .formatted(className, cores, fraction, memory);
  }

  @ParameterizedTest(name = "{0}, {1} cores, {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "host    | 1 | 100Mi  | must be within the sizing policy of class host for 1–4 cores: memory 128Mi–8Gi (got 100Mi)",
        "host    | 1 | 9Gi    | must be within the sizing policy of class host for 1–4 cores: memory 128Mi–8Gi (got 9Gi)",
        "host    | 1 | 1000Gi | must be within the sizing policy of class host for 1–4 cores: memory 128Mi–8Gi (got 1000Gi)",
        "host    | 1 | 1Ei    | must be within the sizing policy of class host for 1–4 cores: memory 128Mi–8Gi (got 1Ei)",
        "generic | 8 | 512Mi  | must be within the sizing policy of class generic for 5–64 cores: memory 1Gi–256Gi (got 512Mi)"
      })
  void memoryOutsideTheClassPolicyIsRefusedNamingThePolicy(
      String className, int cores, String memory, String rule) throws Exception {
    String ns = newNamespace("sizing");
    Kubectl.Result r =
        kubectl()
            .runWithInput(
                vm(className, cores, cores > 4 ? "100%" : "10%", memory),
                "apply",
                "-n",
                ns,
                "-f",
                "-");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("spec.memory.size").contains(rule);
    assertThat(
            client
                .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
                .inNamespace(ns)
                .withName("sized")
                .get())
        .isNull();
  }
}

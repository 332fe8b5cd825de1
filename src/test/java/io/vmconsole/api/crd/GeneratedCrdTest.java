package io.vmconsole.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRDs the build generates say what kubectl and the seed expect. */
class GeneratedCrdTest {

  private static final String VIRT = "virtualization.deckhouse.io";

  static CustomResourceDefinition crd(String plural, String group) throws IOException {
    try (InputStream in =
        Files.newInputStream(Path.of("deploy/crds", plural + "." + group + ".yaml"))) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  static CustomResourceDefinitionVersion v1alpha2(String plural) throws IOException {
    CustomResourceDefinitionVersion version = crd(plural, VIRT).getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha2");
    return version;
  }

  /** Columns as "NAME|jsonPath|priority", in CRD order. */
  static List<String> columns(String plural) throws IOException {
    return v1alpha2(plural).getAdditionalPrinterColumns().stream()
        .map(GeneratedCrdTest::describe)
        .toList();
  }

  private static String describe(CustomResourceColumnDefinition c) {
    return c.getName().toUpperCase() + "|" + c.getJsonPath() + "|" + c.getPriority();
  }

  @Test
  void vmColumnsPrintAsTheSeedWideOutput() throws IOException {
    assertThat(columns("virtualmachines"))
        .containsExactly(
            "PHASE|.status.phase|0",
            "CORES|.spec.cpu.cores|1",
            "COREFRACTION|.spec.cpu.coreFraction|1",
            "MEMORY|.spec.memory.size|1",
            "NEED RESTART|.status.conditions[?(@.type=='AwaitingRestartToApplyConfiguration')].status|1",
            "AGENT|.status.conditions[?(@.type=='AgentReady')].status|1",
            "MIGRATABLE|.status.conditions[?(@.type=='Migratable')].status|1",
            "NODE|.status.nodeName|0",
            "IPADDRESS|.status.ipAddress|0",
            "AGE|.metadata.creationTimestamp|0");
  }

  @Test
  void otherColumnsPrintAsTheSeed() throws IOException {
    assertThat(columns("virtualmachineoperations"))
        .containsExactly(
            "PHASE|.status.phase|0",
            "PROGRESS|.status.progress|0",
            "TYPE|.spec.type|0",
            "VIRTUALMACHINE|.spec.virtualMachineName|0",
            "AGE|.metadata.creationTimestamp|0");
    assertThat(columns("virtualmachineipaddresses"))
        .containsExactly(
            "ADDRESS|.status.address|0",
            "STATUS|.status.phase|0",
            "VM|.status.virtualMachineName|0",
            "AGE|.metadata.creationTimestamp|0");
    assertThat(columns("virtualmachineipaddressleases"))
        .containsExactly(
            "VIRTUALMACHINEIPADDRESS|.spec.virtualMachineIPAddressRef|0",
            "STATUS|.status.phase|0",
            "AGE|.metadata.creationTimestamp|0");
    assertThat(columns("virtualmachineblockdeviceattachments"))
        .containsExactly(
            "PHASE|.status.phase|0",
            "BLOCKDEVICE KIND|.spec.blockDeviceRef.kind|1",
            "BLOCKDEVICE NAME|.spec.blockDeviceRef.name|1",
            "VIRTUAL MACHINE NAME|.spec.virtualMachineName|0",
            "AGE|.metadata.creationTimestamp|0");
  }

  @ParameterizedTest
  @CsvSource({
    "virtualmachines, virtualization.deckhouse.io, Namespaced, vm",
    "virtualmachineoperations, virtualization.deckhouse.io, Namespaced, vmop",
    "virtualmachineipaddresses, virtualization.deckhouse.io, Namespaced, vmip",
    "virtualmachineipaddressleases, virtualization.deckhouse.io, Cluster, vmipl vmiplease",
    "virtualmachineblockdeviceattachments, virtualization.deckhouse.io, Namespaced, vmbda",
    "virtualdisks, virtualization.deckhouse.io, Namespaced, vd",
    "virtualimages, virtualization.deckhouse.io, Namespaced, vi",
    "clustervirtualimages, virtualization.deckhouse.io, Cluster, cvi",
    "virtualmachineclasses, virtualization.deckhouse.io, Cluster, vmclass vmc",
    "moduleconfigs, deckhouse.io, Cluster, ''",
  })
  void namesScopeAndStatusSubresource(String plural, String group, String scope, String shortNames)
      throws IOException {
    CustomResourceDefinition crd = crd(plural, group);
    assertThat(crd.getSpec().getScope()).isEqualTo(scope);
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
    List<String> expected = shortNames.isEmpty() ? List.of() : List.of(shortNames.split(" "));
    assertThat(crd.getSpec().getNames().getShortNames())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(crd.getSpec().getVersions())
        .allSatisfy(
            v -> {
              assertThat(v.getSubresources().getStatus()).isNotNull();
              assertThat(v.getServed()).isTrue();
              assertThat(v.getStorage()).isTrue();
            });
    assertThat(getClass().getResource("/META-INF/crds/" + plural + "." + group + ".yaml"))
        .as("on the classpath for the embedded API server")
        .isNotNull();
  }

  @Test
  void vmSchemaLimits() throws IOException {
    JSONSchemaProps spec =
        v1alpha2("virtualmachines").getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    JSONSchemaProps provisioning = spec.getProperties().get("provisioning");
    assertThat(provisioning.getProperties().get("userData").getMaxLength()).isEqualTo(2048L);
    assertThat(provisioning.getXKubernetesValidations()).hasSize(3);
    JSONSchemaProps cores = spec.getProperties().get("cpu").getProperties().get("cores");
    assertThat(cores.getMinimum()).isEqualTo(1.0);
    assertThat(cores.getMaximum()).isEqualTo(248.0);
    assertThat(spec.getProperties().get("cpu").getProperties().get("coreFraction").getPattern())
        .isEqualTo("^(Auto|(100|[1-9][0-9]?)%)$");
    JSONSchemaProps refs = spec.getProperties().get("blockDeviceRefs");
    assertThat(refs.getMinItems()).isEqualTo(1L);
    assertThat(refs.getMaxItems()).isEqualTo(16L);
    assertThat(spec.getProperties().get("runPolicy").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "\"AlwaysOn\"", "\"AlwaysOff\"", "\"Manual\"", "\"AlwaysOnUnlessStoppedManually\"");
    assertThat(spec.getRequired())
        .contains("virtualMachineClassName", "cpu", "memory", "blockDeviceRefs");
  }

  @Test
  void immutableSpecsCarryTransitionRules() throws IOException {
    for (String plural :
        List.of(
            "virtualmachineoperations",
            "virtualmachineblockdeviceattachments",
            "virtualimages",
            "clustervirtualimages")) {
      JSONSchemaProps spec =
          crd(plural, VIRT)
              .getSpec()
              .getVersions()
              .get(0)
              .getSchema()
              .getOpenAPIV3Schema()
              .getProperties()
              .get("spec");
      assertThat(spec.getXKubernetesValidations())
          .as(plural)
          .anySatisfy(rule -> assertThat(rule.getRule()).isEqualTo("self == oldSelf"));
    }
  }
}

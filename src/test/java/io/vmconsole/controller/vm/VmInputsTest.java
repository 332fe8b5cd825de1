package io.vmconsole.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The VM → agent spec builder and the reasons a VM waits, without a server. */
class VmInputsTest {
  private static final ObjectMapper YAML = new YAMLMapper();

  final Map<String, JsonNode> objects = new HashMap<>();
  VmNetwork network =
      new VmNetwork("web-ab12c", "10.66.10.7", 24, "10.66.10.1", List.of("10.66.10.2"), null);

  final VmInputs.Facts facts =
      new VmInputs.Facts() {
        @Override
        public Optional<io.vmconsole.api.vmclass.VmClassObject> vmClass(String name) {
          return Optional.ofNullable(objects.get("class/" + name))
              .map(io.vmconsole.api.vmclass.VmClassObject::of);
        }

        @Override
        public Optional<DiskObject> disk(String namespace, String name) {
          return Optional.ofNullable(objects.get("VirtualDisk/" + name)).map(DiskObject::of);
        }

        @Override
        public Optional<ImageObject> image(DeviceRef ref, String namespace) {
          return Optional.ofNullable(objects.get(ref.kind() + "/" + ref.name()))
              .map(ImageObject::of);
        }

        @Override
        public Optional<SecretObject> secret(String namespace, String name) {
          return Optional.ofNullable(objects.get("Secret/" + name)).map(SecretObject::of);
        }

        @Override
        public Optional<PoolFile> poolFile(String collection, String uid) {
          return Optional.of(
              new PoolFile("/pool/" + collection + "/" + uid + ".qcow2", "qcow2", 0, 0));
        }

        @Override
        public VmNetwork network() {
          return network;
        }

        @Override
        public List<AttachmentObject> attachments() {
          return attachments.stream().map(AttachmentObject::of).toList();
        }
      };
  final List<JsonNode> attachments = new java.util.ArrayList<>();

  static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  VmObject vm(String provisioning) throws Exception {
    return VmObject.of(
        yaml(
            """
        metadata: {name: web, namespace: team, uid: 1234-abcd}
        spec:
          virtualMachineClassName: generic
          cpu: {cores: 2}
          memory: {size: 1Gi}
          blockDeviceRefs: [{kind: VirtualDisk, name: web-root}]
        """
                + provisioning));
  }

  void ready() throws Exception {
    objects.put(
        "class/generic",
        yaml(
            """
        spec:
          sizingPolicies:
            - cores: {min: 1, max: 4}
              defaultCoreFraction: 20
        """));
    objects.put("VirtualDisk/web-root", yaml("{metadata: {uid: d-1}, status: {phase: Ready}}"));
  }

  @Test
  void aReadyVmBecomesTheAgentsSpecWithTheClassDefaultFraction() throws Exception {
    ready();
    var r =
        VmInputs.resolve(
            vm("  provisioning: {type: UserData, userData: \"#cloud-config\\n\"}"), facts);
    assertThat(r.ready()).isTrue();
    // As the agent receives it (node-agent/API.md "VM spec").
    JsonNode spec = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(r.agentSpec());
    assertThat(spec.path("cores").asInt()).isEqualTo(2);
    assertThat(spec.path("coreFraction").asText()).isEqualTo("20%");
    assertThat(spec.path("memoryBytes").asLong()).isEqualTo(1L << 30);
    assertThat(spec.path("disks").path(0).path("path").asText()).isEqualTo("/pool/disks/d-1.qcow2");
    assertThat(spec.path("disks").path(0).path("readOnly").asBoolean()).isFalse();
    assertThat(spec.path("provisioning").path("type").asText()).isEqualTo("cloudInit");
    assertThat(spec.path("nic").path("address").asText()).isEqualTo("10.66.10.7");
    assertThat(spec.path("nic").path("prefix").asInt()).isEqualTo(24);
    assertThat(spec.path("nic").path("gateway").asText()).isEqualTo("10.66.10.1");
    assertThat(spec.path("nic").path("dns").path(0).asText()).isEqualTo("10.66.10.2");
    assertThat(r.network().vmipName()).isEqualTo("web-ab12c");
    assertThat(spec.path("ssh").path("forward").asBoolean()).isTrue();
  }

  JsonNode vmbda(String name, String disk, String phase, boolean deleting) throws Exception {
    return yaml(
        """
        metadata: {name: %s, creationTimestamp: "2026-11-26T07:00:0%dZ"%s}
        spec: {virtualMachineName: web, blockDeviceRef: {kind: VirtualDisk, name: %s}}
        status: {phase: "%s"}
        """
            .formatted(
                name,
                attachments.size(),
                deleting ? ", deletionTimestamp: \"2026-11-26T08:00:00Z\"" : "",
                disk,
                phase));
  }

  @Test
  void theVmBootsWithTheDisksOfItsAcceptedAttachmentsAfterItsOwn() throws Exception {
    ready();
    objects.put("VirtualDisk/blank", yaml("{metadata: {uid: d-2}, status: {phase: Ready}}"));
    objects.put("VirtualDisk/gone", yaml("{metadata: {uid: d-3}, status: {phase: Ready}}"));
    objects.put("VirtualDisk/new", yaml("{metadata: {uid: d-4}, status: {phase: Ready}}"));
    attachments.add(vmbda("attach-blank", "blank", "Pending", false));
    attachments.add(vmbda("being-deleted", "gone", "Attached", true));
    attachments.add(vmbda("refused", "web-root", "Failed", false));
    attachments.add(vmbda("not-yet-seen", "new", "", false));
    attachments.add(vmbda("missing-disk", "nope", "Pending", false));
    var r = VmInputs.resolve(vm(""), facts);
    assertThat(r.ready()).isTrue();
    assertThat(r.agentSpec().disks().stream().map(io.vmconsole.agent.AgentDisk::id))
        .containsExactly("d-1", "d-2");
  }

  @Test
  void aDiskAnotherVmRunsWithIsAReasonToWaitAndOnesOwnIsNot() throws Exception {
    ready();
    objects.put(
        "VirtualDisk/web-root",
        yaml(
            "{metadata: {name: web-root, uid: d-1}, status: {phase: Ready, attachedToVirtualMachines:"
                + " [{name: other, mounted: true}]}}"));
    var r = VmInputs.resolve(vm(""), facts);
    assertThat(r.ready()).isFalse();
    assertThat(r.blockDevices().message())
        .isEqualTo("VirtualDisk web-root is in use by VirtualMachine other");
    objects.put(
        "VirtualDisk/web-root",
        yaml(
            "{metadata: {name: web-root, uid: d-1}, status: {phase: Ready, attachedToVirtualMachines:"
                + " [{name: web, mounted: true}, {name: other, mounted: false}]}}"));
    assertThat(VmInputs.resolve(vm(""), facts).ready()).isTrue();
  }

  @Test
  void missingClassDiskOrSecretAreReasonsToWait() throws Exception {
    var none = VmInputs.resolve(vm(""), facts);
    assertThat(none.ready()).isFalse();
    assertThat(none.vmClass().message()).isEqualTo("VirtualMachineClass generic not found");
    assertThat(none.blockDevices().message()).isEqualTo("VirtualDisk web-root not found");
    ready();
    var secret =
        VmInputs.resolve(
            vm("  provisioning: {type: UserDataRef, userDataRef: {kind: Secret, name: ud}}"),
            facts);
    assertThat(secret.provisioning().message()).isEqualTo("Secret ud not found");
  }

  @Test
  void aVmWithoutABoundAddressWaitsAndSaysWhy() throws Exception {
    ready();
    network = VmNetwork.pending("web-ab12c", "the pool is exhausted");
    var r = VmInputs.resolve(vm(""), facts);
    assertThat(r.ready()).isFalse();
    assertThat(r.ipAddress().reason()).isEqualTo("VirtualMachineIPAddressNotReady");
    assertThat(r.ipAddress().message()).isEqualTo("the pool is exhausted");
  }

  @Test
  void secretsOfTheRightTypeProvideUserDataOrSysprep() throws Exception {
    ready();
    String b64 = Base64.getEncoder().encodeToString("#cloud-config\nhostname: x\n".getBytes());
    objects.put(
        "Secret/ud",
        yaml("{type: " + VmInputs.CLOUD_INIT_SECRET + ", data: {userData: " + b64 + "}}"));
    var ci =
        VmInputs.resolve(
            vm("  provisioning: {type: UserDataRef, userDataRef: {kind: Secret, name: ud}}"),
            facts);
    assertThat(ci.agentSpec().provisioning().userData()).contains("hostname: x");
    String xml = Base64.getEncoder().encodeToString("<unattend/>".getBytes());
    objects.put(
        "Secret/sp",
        yaml("{type: " + VmInputs.SYSPREP_SECRET + ", data: {autounattend.xml: " + xml + "}}"));
    var sp =
        VmInputs.resolve(
            vm("  provisioning: {type: SysprepRef, sysprepRef: {kind: Secret, name: sp}}"), facts);
    assertThat(sp.agentSpec().provisioning().type()).isEqualTo("sysprep");
    assertThat(sp.agentSpec().provisioning().unattend()).isEqualTo("<unattend/>");
    objects.put("Secret/wrong", yaml("{type: Opaque, data: {userData: " + b64 + "}}"));
    var wrong =
        VmInputs.resolve(
            vm("  provisioning: {type: UserDataRef, userDataRef: {kind: Secret, name: wrong}}"),
            facts);
    assertThat(wrong.provisioning().message()).isEqualTo("Secret wrong has type Opaque");
  }

  @Test
  void phasesFollowTheAgentAndTheIntent() {
    var running = PowerPolicyTest.agent("Running", "started");
    assertThat(VmPhases.phase(false, running, true, true)).isEqualTo("Running");
    assertThat(VmPhases.phase(true, running, true, true)).isEqualTo("Terminating");
    assertThat(VmPhases.phase(false, null, false, false)).isEqualTo("Stopped");
    assertThat(VmPhases.phase(false, null, true, false)).isEqualTo("Pending");
    assertThat(VmPhases.phase(false, PowerPolicyTest.agent("Stopped", "crashed"), true, true))
        .isEqualTo("Starting");
    assertThat(VmPhases.go(java.time.Duration.ofSeconds(65))).isEqualTo("1m5s");
  }
}

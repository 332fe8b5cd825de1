package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Kubectl;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's VirtualMachineBlockDeviceAttachment (vmbda): a blank disk hot-plugged into the running
 * linux-vm, seen by the guest, unplugged by deleting the vmbda; an attachment of a stopped VM waits
 * and is plugged when the VM starts (so also after every restart). One booted guest for the class:
 * each test leaves it running with no attachment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The seed's walkthrough first, on the freshly booted VM: its one disk is sda, the hot-plugged one
// sdb.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachmentIT extends VmItSupport {
  /** 100 MiB in 512-byte sectors, as /sys/block/sdX/size shows it. */
  static final String BLANK_SECTORS = "204800";

  /** The demo guest's root disk (32 MiB). */
  static final String ROOT_SECTORS = "65536";

  static final Duration ATTACH = Duration.ofSeconds(60);
  String ns;
  BootedVm vm;

  @BeforeAll
  void bootTheSeedsVm() {
    ns = newNamespace("vmbda");
    // A fractional quantity, which the agent once refused for ever (issue 18): this VM booting is
    // the proof that the console converts it to exact bytes.
    vm = BootedVm.boot(client, agents, ns, "linux-vm", "0.375Gi");
  }

  @Test
  @Order(0)
  void aVmSizedInAFractionalQuantityBootsWithItsExactBytes() {
    assertThat(vm.serialLog()).contains("login:");
    assertThat(guests().agent(vm.nodeName()).vm(vm.vmId()).orElseThrow().memoryBytes())
        .isEqualTo(402653184L);
  }

  @AfterAll
  void deleteTheVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  /** Each test leaves the VM without attachments, also when it failed half-way. */
  @AfterEach
  void detachAll() {
    var all =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT)
            .inNamespace(ns);
    all.delete();
    await().atMost(ATTACH).until(() -> all.list().getItems().isEmpty());
  }

  String guestSize(String disk) {
    return guests().diskSectors(vm.nodeName(), vm.vmId(), disk);
  }

  /** The guest's disks' sizes once none is the blank disk's. */
  java.util.List<String> guestDisksAfterTheBlankDiskWent() {
    return guests()
        .diskSectorsAfterRemovalOf(vm.nodeName(), vm.vmId(), Long.parseLong(BLANK_SECTORS));
  }

  JsonNode vmbda(String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT)
            .inNamespace(ns)
            .withName(name)
            .get();
    return r == null ? MissingNode.getInstance() : Serialization.jsonMapper().valueToTree(r);
  }

  JsonNode disk(String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
            .inNamespace(ns)
            .withName(name)
            .get();
    return r == null ? MissingNode.getInstance() : Serialization.jsonMapper().valueToTree(r);
  }

  JsonNode awaitVmbda(String name, String phase, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> vmbda(name).path("status").path("phase").asText().equals(phase));
    return vmbda(name);
  }

  void blankDisk(String name) throws Exception {
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata:
          name: %s
        spec:
          persistentVolumeClaim:
            size: 100Mi
        """
            .formatted(name));
    await()
        .atMost(ATTACH)
        .until(() -> disk(name).path("status").path("phase").asText().equals("Ready"));
  }

  void deleteVmbda(String name) {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT)
        .inNamespace(ns)
        .withName(name)
        .delete();
    await().atMost(ATTACH).until(() -> vmbda(name).isMissingNode());
  }

  static String seedFile(String name) throws Exception {
    try (var in = AttachmentIT.class.getResourceAsStream("/seed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The VM's status.blockDeviceRefs row of a hot-plugged device, or a missing node. */
  JsonNode hotplugged(String vmbdaName) {
    for (JsonNode row : vm(ns, "linux-vm").path("status").path("blockDeviceRefs")) {
      if (vmbdaName.equals(row.path("virtualMachineBlockDeviceAttachmentName").asText())) {
        return row;
      }
    }
    return MissingNode.getInstance();
  }

  @Test
  @Order(1)
  void theSeedsVmbdaHotplugsTheBlankDiskIntoTheRunningVmAndDeletingItUnplugsIt() throws Exception {
    blankDisk("blank-disk");
    long applied = System.nanoTime();
    apply(ns, seedFile("14-vmbda-attach-blank-disk.yaml"));
    JsonNode attached = awaitVmbda("attach-blank-disk", "Attached", ATTACH);
    System.out.printf(
        "[figures] vmbda applied → Attached: %d ms%n", (System.nanoTime() - applied) / 1_000_000);
    assertThat(attached.path("status").path("virtualMachineName").asText()).isEqualTo("linux-vm");

    Kubectl.Result get = kubectl().run("get", "vmbda", "attach-blank-disk", "-n", ns);
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out().lines().findFirst().orElseThrow())
        .contains("PHASE", "VIRTUAL MACHINE NAME");
    assertThat(get.out()).containsPattern("attach-blank-disk\\s+Attached\\s+linux-vm\\s+");

    assertThat(guestSize("sdb")).isEqualTo(BLANK_SECTORS);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hotplugged("attach-blank-disk").path("attached").asBoolean(false));
    JsonNode row = hotplugged("attach-blank-disk");
    assertThat(row.path("kind").asText()).isEqualTo("VirtualDisk");
    assertThat(row.path("name").asText()).isEqualTo("blank-disk");
    assertThat(row.path("hotplugged").asBoolean()).isTrue();
    assertThat(row.path("target").asText()).isEqualTo("sdb");
    assertThat(row.path("size").asText()).isEqualTo("100Mi");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                disk("blank-disk")
                    .path("status")
                    .path("attachedToVirtualMachines")
                    .toString()
                    .equals("[{\"name\":\"linux-vm\",\"mounted\":true}]"));

    long deleted = System.nanoTime();
    deleteVmbda("attach-blank-disk");
    System.out.printf(
        "[figures] vmbda deleted → gone (disk unplugged): %d ms%n",
        (System.nanoTime() - deleted) / 1_000_000);
    assertThat(guestDisksAfterTheBlankDiskWent()).containsExactly(ROOT_SECTORS);
    assertThat(vm.phase()).isEqualTo("Running");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hotplugged("attach-blank-disk").isMissingNode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> disk("blank-disk").path("status").path("attachedToVirtualMachines").isEmpty());
  }

  @Test
  @Order(2)
  void aVmbdaOfAStoppedVmStaysPendingAndTheDiskIsAttachedWhenTheVmStarts() throws Exception {
    blankDisk("later-disk");
    vm.stop();
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: attach-later
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: later-disk
          virtualMachineName: linux-vm
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(vmbda("attach-later"), "VirtualMachineReady"))
                    .isEqualTo(
                        "False VirtualMachineNotReady VirtualMachine linux-vm is Stopped: the disk is attached when it runs"));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> vmbda("attach-later").path("status").path("phase").asText().equals("Pending"));
    assertThat(hotplugged("attach-later").path("attached").asBoolean(true)).isFalse();

    // Started (as after any restart), the VM boots with the attachment's disk, after its own.
    vm.start();
    awaitVmbda("attach-later", "Attached", ATTACH);
    // Which disk the guest names sda at boot is its kernel's choice (it probes them in parallel).
    assertThat(
            guests().diskNameWithSectors(vm.nodeName(), vm.vmId(), Long.parseLong(BLANK_SECTORS)))
        .matches("sd[ab]");
    assertThat(condition(vmbda("attach-later"), "Attached")).startsWith("True Attached");

    deleteVmbda("attach-later");
    assertThat(guestDisksAfterTheBlankDiskWent()).containsExactly(ROOT_SECTORS);
  }

  @Test
  @Order(3)
  void anImageIsHotpluggedReadOnly() throws Exception {
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: attach-demo-image
        spec:
          blockDeviceRef:
            kind: ClusterVirtualImage
            name: demo
          virtualMachineName: linux-vm
        """);
    awaitVmbda("attach-demo-image", "Attached", ATTACH);
    assertThat(guests().readOnlyDisks(vm.nodeName(), vm.vmId()))
        .hasSize(1)
        .allMatch(d -> d.matches("sd[a-c]"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hotplugged("attach-demo-image").path("attached").asBoolean(false));
    assertThat(hotplugged("attach-demo-image").path("kind").asText())
        .isEqualTo("ClusterVirtualImage");
    deleteVmbda("attach-demo-image");
    assertThat(guests().diskSectorsAfterReadOnlyWent(vm.nodeName(), vm.vmId()))
        .containsExactly(ROOT_SECTORS);
  }

  @Test
  @Order(4)
  void aVmbdaNamingWhatIsMissingOrAnotherVmsDiskSaysSo() throws Exception {
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: no-such-vm
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: any-disk
          virtualMachineName: nope
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: steal-root
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: linux-vm-root
          virtualMachineName: other-vm
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: no-such-disk
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: nope-disk
          virtualMachineName: linux-vm
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: root-again
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: linux-vm-root
          virtualMachineName: linux-vm
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(vmbda("no-such-vm"), "VirtualMachineReady"))
                    .isEqualTo("False VirtualMachineNotReady VirtualMachine nope not found"));
    assertThat(vmbda("no-such-vm").path("status").path("phase").asText()).isEqualTo("Pending");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(vmbda("no-such-disk"), "BlockDeviceReady"))
                    .isEqualTo("False BlockDeviceNotReady VirtualDisk nope-disk not found"));
    assertThat(vmbda("no-such-disk").path("status").path("phase").asText()).isEqualTo("Pending");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> vmbda("root-again").path("status").path("phase").asText().equals("Failed"));
    assertThat(condition(vmbda("root-again"), "Attached"))
        .isEqualTo(
            "False Conflict VirtualDisk linux-vm-root is already in the spec.blockDeviceRefs of VirtualMachine linux-vm");
    // The root disk is linux-vm's: another VM may not have it.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(vmbda("steal-root"), "Attached"))
                    .isEqualTo(
                        "False Conflict VirtualDisk linux-vm-root is in use by VirtualMachine linux-vm"));

    // What admission refuses it names, field and rule.
    Kubectl.Result bad =
        kubectl()
            .runWithInput(
                """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: no-vm-name
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: blank-disk
        """,
                "apply",
                "--validate=false",
                "-n",
                ns,
                "-f",
                "-");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("spec.virtualMachineName", "is required");

    for (String name : new String[] {"no-such-vm", "steal-root", "no-such-disk", "root-again"}) {
      deleteVmbda(name);
    }
    assertThat(vm.phase()).isEqualTo("Running");
    assertThat(guestDisksAfterTheBlankDiskWent()).containsExactly(ROOT_SECTORS);
  }

  /**
   * A disk the running guest has attached is not pulled from under it: deleting the VirtualDisk
   * leaves it Terminating, saying which VM holds it, until it is unplugged; then its file goes with
   * it.
   */
  @Test
  @Order(5)
  void aDiskTheRunningVmHasIsDeletedOnlyOnceUnplugged() throws Exception {
    blankDisk("kept-disk");
    String diskId = disk("kept-disk").path("metadata").path("uid").asText();
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineBlockDeviceAttachment
        metadata:
          name: attach-kept
        spec:
          blockDeviceRef:
            kind: VirtualDisk
            name: kept-disk
          virtualMachineName: linux-vm
        """);
    awaitVmbda("attach-kept", "Attached", ATTACH);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                disk("kept-disk")
                    .path("status")
                    .path("attachedToVirtualMachines")
                    .toString()
                    .equals("[{\"name\":\"linux-vm\",\"mounted\":true}]"));
    assertThat(guests().agent(vm.nodeName()).storageObject("disks", diskId)).isPresent();

    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
        .inNamespace(ns)
        .withName("kept-disk")
        .delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(disk("kept-disk"), "Ready"))
                    .isEqualTo(
                        "False InUse attached to running VM linux-vm: deleted once no running VM has it "
                            + "(stop the VM or detach the disk)"));
    assertThat(disk("kept-disk").path("status").path("phase").asText()).isEqualTo("Terminating");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !disk("kept-disk").isMissingNode());
    // Still plugged in the guest. Not necessarily as sdb: since the second test's restart the root
    // disk
    // may be sdb, and the hot-plugged disk takes the free name sda.
    assertThat(
            guests().diskNameWithSectors(vm.nodeName(), vm.vmId(), Long.parseLong(BLANK_SECTORS)))
        .matches("sd[a-c]");
    assertThat(guests().agent(vm.nodeName()).storageObject("disks", diskId)).isPresent();

    deleteVmbda("attach-kept");
    await().atMost(ATTACH).until(() -> disk("kept-disk").isMissingNode());
    assertThat(guests().agent(vm.nodeName()).storageObject("disks", diskId)).isEmpty();
    assertThat(vm.phase()).isEqualTo("Running");
  }

  /**
   * Issue 18, item 10: an ISO plugged into the running VM is a CD-ROM after the cloud-init CD
   * (sr0), and the VM's status names it as the guest does.
   */
  @Test
  @Order(6)
  void aHotpluggedIsoIsNamedAsTheGuestNamesIt() throws Exception {
    Path content = Files.createDirectories(Files.createTempDirectory("vmc-iso").resolve("content"));
    // Big enough to tell it from the cloud-init CD by its size alone.
    Files.write(content.resolve("payload.bin"), new byte[3 << 20]);
    Path iso = content.resolveSibling("hot.iso");
    Process mk =
        new ProcessBuilder(
                "genisoimage", "-quiet", "-V", "HOTISO", "-o", iso.toString(), content.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(mk.waitFor()).as(new String(mk.getInputStream().readAllBytes())).isZero();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hot.iso",
        exchange -> {
          exchange.sendResponseHeaders(200, Files.size(iso));
          try (var out = exchange.getResponseBody()) {
            Files.copy(iso, out);
          }
        });
    server.start();
    try {
      apply(
          ns,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualImage
          metadata:
            name: hot-iso
          spec:
            storage: ContainerRegistry
            dataSource:
              type: HTTP
              http:
                url: http://127.0.0.1:%d/hot.iso
          ---
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachineBlockDeviceAttachment
          metadata:
            name: attach-iso
          spec:
            blockDeviceRef:
              kind: VirtualImage
              name: hot-iso
            virtualMachineName: linux-vm
          """
              .formatted(server.getAddress().getPort()));
      awaitVmbda("attach-iso", "Attached", Duration.ofSeconds(120));
      String guestName =
          guests().deviceNameWithSectors(vm.nodeName(), vm.vmId(), "sr", Files.size(iso) / 512);
      assertThat(guestName).isEqualTo("sr1");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hotplugged("attach-iso").path("target").asText().equals(guestName));
      deleteVmbda("attach-iso");
    } finally {
      server.stop(0);
    }
  }
}

package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.BootedVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Live migration through Evict vmops (issue 8): the seed's walkthrough, a hot-plugged disk that
 * follows the VM, the progress a throttled migration shows, and cancelling by deleting the vmop.
 */
class LiveMigrationIT extends MigrationItSupport {

  String vmbdaPhase(String namespace, String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT)
            .inNamespace(namespace)
            .withName(name)
            .get();
    return r == null
        ? ""
        : io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
            .valueToTree(r)
            .path("status")
            .path("phase")
            .asText("");
  }

  @Test
  void theSeedsEvictMovesTheRunningVmWithItsHotpluggedDiskWithoutRestartingTheGuest()
      throws Exception {
    String ns = newNamespace("evict");
    BootedVm vm = BootedVm.boot(client, agents, ns, "linux-vm");
    try {
      String source = vm.nodeName();
      String target = other(source);
      String ip = vm(ns, "linux-vm").path("status").path("ipAddress").asText();
      assertThat(ip).isNotEmpty();
      assertThat(condition(vm(ns, "linux-vm"), "Migratable")).startsWith("True Migratable");
      // Hot-plugged the seed's way: a blank VirtualDisk and a vmbda naming it.
      apply(
          ns,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualDisk
          metadata:
            name: blank-disk
          spec:
            persistentVolumeClaim:
              size: 16Mi
          ---
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachineBlockDeviceAttachment
          metadata:
            name: attach-blank-disk
          spec:
            blockDeviceRef:
              kind: VirtualDisk
              name: blank-disk
            virtualMachineName: linux-vm
          """);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> vmbdaPhase(ns, "attach-blank-disk").equals("Attached"));
      assertThat(guests().diskSectors(source, vm.vmId(), "sdb")).isEqualTo("32768");
      long qemuBefore = guests().vm(source, vm.vmId()).pid();
      double uptimeBefore = uptime(vm);

      String op = "evict-linux-vm-" + System.currentTimeMillis() / 1000;
      List<String> rows;
      try (KubectlWatch watch = new KubectlWatch("get", "vm", "-n", ns, "-w")) {
        apply(
            ns,
            """
            apiVersion: virtualization.deckhouse.io/v1alpha2
            kind: VirtualMachineOperation
            metadata:
              name: %s
            spec:
              # name of the virtual machine
              virtualMachineName: linux-vm
              # operation for migration
              type: Evict
            """
                .formatted(op));
        JsonNode done = awaitOp(ns, op, "Completed", MIGRATION);
        assertThat(done.path("status").path("progress").asText()).isEqualTo("100%");
        assertThat(opReason(done)).isEqualTo("Completed");
        assertThat(done.path("status").path("migration").path("targetNode").asText())
            .isEqualTo(target);
        System.out.println("[figures] seed Evict: " + done.path("status").path("migration"));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    watch.lines.stream()
                        .anyMatch(l -> l.contains(" Running ") && l.contains(" " + target + " ")));
        rows = new ArrayList<>(watch.lines);
      }
      List<String> header = Arrays.asList(rows.get(0).trim().split("\\s+"));
      List<String> phases = new ArrayList<>();
      String lastNode = null;
      for (String row : rows.subList(1, rows.size())) {
        String[] cells = row.trim().split("\\s+");
        String phase = cells[header.indexOf("PHASE")];
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
          phases.add(phase);
        }
        assertThat(cells[header.indexOf("IPADDRESS")]).as(row).isEqualTo(ip);
        lastNode = cells[header.indexOf("NODE")];
        if (phase.equals("Migrating")) {
          assertThat(lastNode).as("NODE stays the source until the switch-over").isEqualTo(source);
        }
      }
      assertThat(phases).containsExactly("Running", "Migrating", "Running");
      assertThat(lastNode).isEqualTo(target);

      JsonNode moved = vm(ns, "linux-vm");
      assertThat(node(moved)).isEqualTo(target);
      assertThat(moved.path("status").path("migrationState").path("result").asText())
          .isEqualTo("Succeeded");
      assertThat(moved.path("status").path("migrationState").path("source").path("node").asText())
          .isEqualTo(source);
      assertThat(moved.path("status").path("migrationState").path("target").path("pod").asText())
          .isEqualTo(PlaceholderPods.podName("linux-vm", vm.vmId(), target));
      assertThat(condition(moved, "Migrating"))
          .startsWith("False Succeeded migrated from " + source + " to " + target);
      // The guest did not restart: its uptime went on, and one QEMU ran it at a time.
      assertThat(uptime(vm)).isGreaterThan(uptimeBefore);
      assertThat(inGuest(vm, "cat /sys/block/sdb/size")).contains("32768");
      assertThat(vmbdaPhase(ns, "attach-blank-disk")).isEqualTo("Attached");
      assertThat(vm(ns, "linux-vm").path("status").path("blockDeviceRefs").toString())
          .contains(
              "\"name\":\"blank-disk\",\"size\":\"16Mi\",\"attached\":true,\"target\":\"sdb\","
                  + "\"hotplugged\":true,\"virtualMachineBlockDeviceAttachmentName\":\"attach-blank-disk\"");
      long qemuAfter = guests().vm(target, vm.vmId()).pid();
      assertThat(qemuPids(vm.vmId())).containsExactly(qemuAfter);
      assertThat(AgentLossIT.running(qemuBefore)).isFalse();
      assertThat(guests().agent(source).vm(vm.vmId()))
          .as("the source agent forgot the VM")
          .isEmpty();
    } finally {
      vm.delete();
    }
  }

  @Test
  void aThrottledMigrationShowsRisingProgressAndDeletingItsVmopCancelsIt() throws Exception {
    String ns = newNamespace("progress");
    BootedVm vm = BootedVm.boot(client, agents, ns, "busy");
    try {
      fillGuestMemory(vm);
      String first = vm.nodeName();
      List<String> progress = new CopyOnWriteArrayList<>();
      var ops =
          client
              .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
              .inNamespace(ns);
      try (var watch =
          ops.withName("slow")
              .watch(
                  new Watcher<GenericKubernetesResource>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource op) {
                      Object status = op.getAdditionalProperties().get("status");
                      if (status instanceof java.util.Map<?, ?> s && s.get("progress") != null) {
                        progress.add(s.get("progress").toString());
                      }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  })) {
        evict(ns, "slow", "busy", "8Mi");
        awaitOp(ns, "slow", "Completed", MIGRATION);
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.contains("100%"));
      }
      System.out.println(
          "[figures] throttled Evict progress: "
              + progress
              + " migration: "
              + vmop(ns, "slow").path("status").path("migration"));
      List<Integer> values =
          progress.stream().map(p -> Integer.parseInt(p.replace("%", ""))).toList();
      assertThat(values).as("progress as the watch saw it: %s", progress).isSorted();
      assertThat(values.stream().filter(v -> v > 0 && v < 100).distinct().count())
          .as(progress.toString())
          .isGreaterThanOrEqualTo(3);
      assertThat(values.get(values.size() - 1)).isEqualTo(100);
      assertThat(vm.nodeName()).isEqualTo(other(first));

      // Back again, slower; deleting the InProgress vmop cancels: the VM stays where it runs.
      String source = vm.nodeName();
      long qemu = guests().vm(source, vm.vmId()).pid();
      evict(ns, "back", "busy", "1Mi");
      await()
          .atMost(MIGRATION)
          .until(
              () ->
                  vmop(ns, "back")
                          .path("status")
                          .path("migration")
                          .path("bytesTransferred")
                          .asLong(0)
                      > 0);
      assertThat(vmop(ns, "back").path("status").path("phase").asText()).isEqualTo("InProgress");
      ops.withName("back").delete();
      await().atMost(Duration.ofSeconds(60)).until(() -> vmop(ns, "back").isMissingNode());
      JsonNode stayed =
          awaitVm(
              ns,
              "busy",
              Duration.ofSeconds(30),
              v -> v.path("status").path("phase").asText().equals("Running"));
      assertThat(node(stayed)).isEqualTo(source);
      assertThat(stayed.path("status").path("migrationState").path("result").asText())
          .isEqualTo("Failed");
      assertThat(condition(stayed, "Migrating"))
          .startsWith("False Failed cancelled: the operation was deleted");
      assertThat(guests().vm(source, vm.vmId()).pid()).isEqualTo(qemu);
      assertThat(guests().vm(source, vm.vmId()).state()).isEqualTo("Running");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> guests().agent(other(source)).vm(vm.vmId()).isEmpty());
      assertThat(qemuPids(vm.vmId())).containsExactly(qemu);
      assertThat(inGuest(vm, "echo still-here")).contains("still-here");
    } finally {
      vm.delete();
    }
  }
}

package io.vmconsole.controller;

import static org.awaitility.Awaitility.await;

import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.ProcessLines;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the live-migration ITs share: Evict vmops, the guest's uptime, QEMU processes, a watch. */
abstract class MigrationItSupport extends VmItSupport {
  static final Duration MIGRATION = Duration.ofMinutes(3);

  /** The other node of the embedded two-node topology. */
  static String other(String node) {
    return node.equals("node-1") ? "node-2" : "node-1";
  }

  /**
   * An Evict vmop; {@code bandwidth} (e.g. "1Mi", bytes per second; null: unlimited) is the
   * console's {@code vmconsole.io/migration-bandwidth} annotation.
   */
  void evict(String namespace, String name, String vmName, String bandwidth) throws Exception {
    apply(
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: %s
        %s
        spec:
          virtualMachineName: %s
          type: Evict
        """
            .formatted(
                name,
                bandwidth == null
                    ? ""
                    : "  annotations:\n    vmconsole.io/migration-bandwidth: \"" + bandwidth + "\"",
                vmName));
  }

  /** The guest's /proc/uptime in seconds, read on its serial console. */
  double uptime(BootedVm vm) {
    String out =
        guests().loginAndRun(vm.nodeName(), vm.vmId(), "cloud", "cloud", "cat /proc/uptime");
    Matcher m = Pattern.compile("(?m)^\\s*(\\d+\\.\\d+) \\d+\\.\\d+").matcher(out);
    if (!m.find()) {
      throw new AssertionError("no uptime in: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * Fills 48 MiB of the guest's memory (a tmpfs file) with random data, so a throttled migration
   * has real pages to send and takes a while.
   */
  void fillGuestMemory(BootedVm vm) {
    inGuest(vm, "dd if=/dev/urandom of=/tmp/fill bs=1M count=48 2>/dev/null; echo filled");
  }

  /** Every live QEMU process on this host that runs the VM (its command line names the VM id). */
  static List<Long> qemuPids(String vmId) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("qemu-system") && c.contains(vmId))
                    .orElse(false))
        .filter(p -> AgentLossIT.running(p.pid()))
        .map(ProcessHandle::pid)
        .toList();
  }

  /** {@code kubectl get <args> -w}: every line it prints, collected until closed. */
  final class KubectlWatch implements AutoCloseable {
    final List<String> lines;
    private final Process process;

    KubectlWatch(String... args) throws IOException {
      process = kubectl().builder(args).redirectErrorStream(true).start();
      lines = ProcessLines.collect(process, "kubectl-watch");
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() >= 2);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}

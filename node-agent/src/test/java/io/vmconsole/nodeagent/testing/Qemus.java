package io.vmconsole.nodeagent.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QEMU pids a test class started; all killed by pid at the end, whatever happened, and their cpu
 * cgroups removed (an agent that was already closed cannot do it).
 */
public final class Qemus {
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup/cpu/vmconsole");
  private final Map<Long, String> pids = new LinkedHashMap<>();

  public synchronized void add(long pid, String vmId) {
    pids.put(pid, vmId);
  }

  public synchronized void killAll() {
    // All first: QEMUs of one VM id (a migration between two agents on this host) share a group.
    pids.keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    for (String vmId : new java.util.LinkedHashSet<>(pids.values())) {
      Path group = CGROUPS.resolve(vmId);
      // The group can be removed once the last QEMU thread is gone.
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(
              () -> {
                Files.deleteIfExists(group);
                return true;
              });
    }
    pids.clear();
  }
}

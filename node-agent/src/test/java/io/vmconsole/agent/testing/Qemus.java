package io.vmconsole.agent.testing;

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
    for (Map.Entry<Long, String> e : pids.entrySet()) {
      ProcessHandle.of(e.getKey()).ifPresent(ProcessHandle::destroyForcibly);
      Path group = CGROUPS.resolve(e.getValue());
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

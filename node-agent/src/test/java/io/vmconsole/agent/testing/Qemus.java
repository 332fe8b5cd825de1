package io.vmconsole.agent.testing;

import java.util.ArrayList;
import java.util.List;

/** QEMU pids a test class started; all killed by pid at the end, whatever happened. */
public final class Qemus {
  private final List<Long> pids = new ArrayList<>();

  public synchronized void add(long pid) {
    pids.add(pid);
  }

  public synchronized void killAll() {
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    pids.clear();
  }
}

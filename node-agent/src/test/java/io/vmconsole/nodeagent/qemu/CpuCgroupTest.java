package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuCgroupTest {
  @Test
  void quotaIsFractionTimesCoresTimesPeriod() {
    assertEquals(10_000, CpuCgroup.quotaUs(1, 10));
    assertEquals(100_000, CpuCgroup.quotaUs(2, 50));
    assertEquals(-1, CpuCgroup.quotaUs(4, 100));
  }

  @Test
  void writesTheGroupFilesAndChangesLive(@TempDir Path root) throws Exception {
    CpuCgroup cg = new CpuCgroup(root, true);
    Path procs = cg.prepare("vm1", 2, 10).orElseThrow();
    assertEquals(root.resolve("vmconsole/vm1/cgroup.procs"), procs);
    assertEquals("20000", Files.readString(root.resolve("vmconsole/vm1/cpu.cfs_quota_us")));
    assertTrue(cg.setQuota("vm1", 2, 50));
    assertEquals("100000", Files.readString(root.resolve("vmconsole/vm1/cpu.cfs_quota_us")));
  }

  @Test
  void notWritableMeansNotEnforced(@TempDir Path root) {
    CpuCgroup cg = new CpuCgroup(root, false);
    assertTrue(cg.prepare("vm1", 1, 10).isEmpty());
    assertFalse(cg.setQuota("vm1", 1, 10));
  }
}

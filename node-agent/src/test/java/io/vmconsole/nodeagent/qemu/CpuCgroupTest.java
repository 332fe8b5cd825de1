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
  void theWeightFollowsFractionTimesCoresAndTheCeilingIsTheCores() {
    assertEquals(102, CpuCgroup.shares(1, 10));
    assertEquals(1024, CpuCgroup.shares(2, 50));
    assertEquals(4096, CpuCgroup.shares(4, 100));
    assertEquals(2, CpuCgroup.shares(1, 0));
    assertEquals(100_000, CpuCgroup.quotaUs(1));
    assertEquals(400_000, CpuCgroup.quotaUs(4));
  }

  @Test
  void writesTheGroupFilesAndChangesLive(@TempDir Path root) throws Exception {
    CpuCgroup cg = new CpuCgroup(root, true);
    Path procs = cg.prepare("vm1", 2, 10).orElseThrow();
    assertEquals(root.resolve("vmconsole/vm1/cgroup.procs"), procs);
    assertEquals("200000", Files.readString(root.resolve("vmconsole/vm1/cpu.cfs_quota_us")));
    assertEquals("204", Files.readString(root.resolve("vmconsole/vm1/cpu.shares")));
    assertTrue(cg.setFraction("vm1", 2, 50));
    assertEquals("1024", Files.readString(root.resolve("vmconsole/vm1/cpu.shares")));
    assertEquals("200000", Files.readString(root.resolve("vmconsole/vm1/cpu.cfs_quota_us")));
  }

  @Test
  void notWritableMeansNotEnforced(@TempDir Path root) {
    CpuCgroup cg = new CpuCgroup(root, false);
    assertTrue(cg.prepare("vm1", 1, 10).isEmpty());
    assertFalse(cg.setFraction("vm1", 1, 10));
  }
}

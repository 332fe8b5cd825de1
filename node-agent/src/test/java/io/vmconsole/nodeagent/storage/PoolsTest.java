package io.vmconsole.nodeagent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolsTest {
  @TempDir Path dir;

  @Test
  void aPathInsideAPoolNamesItsFile() throws Exception {
    Pools pools = Pools.open(dir.resolve("shared"), dir.resolve("local"));
    Path img = Files.createFile(dir.resolve("local/images/base-1.qcow2"));
    Pools.PoolFile f = pools.requireInside(img.toString(), "image.path");
    assertEquals("local", f.pool().name());
    assertEquals(StorageKind.IMAGE, f.kind());
    assertEquals("base-1", f.uid());
    assertEquals("qcow2", f.format());
  }

  @Test
  void pathsOutsideThePoolsAreRefused() throws Exception {
    Pools pools = Pools.open(dir.resolve("shared"), null);
    Path outside = Files.createFile(dir.resolve("x.qcow2"));
    Path link = dir.resolve("shared/images/link.qcow2");
    Files.createSymbolicLink(link, outside);
    Path tmp = Files.createFile(dir.resolve("shared/.tmp/y.qcow2"));
    for (String p :
        new String[] {
          "/etc/passwd",
          outside.toString(),
          link.toString(),
          tmp.toString(),
          dir.resolve("shared/images/../../x.qcow2").toString(),
          "relative.qcow2"
        }) {
      StorageError e =
          assertThrows(StorageError.class, () -> pools.requireInside(p, "image.path"), p);
      assertEquals("image.path", e.field());
    }
  }

  @Test
  void aMissingLocalPoolIsA400OnPool() {
    Pools pools = Pools.open(dir.resolve("shared"), null);
    assertEquals("shared", pools.pool(null, "pool").name());
    StorageError e = assertThrows(StorageError.class, () -> pools.pool("local", "pool"));
    assertEquals("pool", e.field());
    assertThrows(StorageError.class, () -> pools.pool("../x", "pool"));
  }

  @Test
  void aUidIsClaimedOnceAndAnExistingFileConflicts() throws Exception {
    Pools pools = Pools.open(dir.resolve("shared"), dir.resolve("local"));
    pools.claim(StorageKind.DISK, "d1");
    assertEquals(
        409, assertThrows(StorageError.class, () -> pools.claim(StorageKind.DISK, "d1")).status());
    pools.release(StorageKind.DISK, "d1");
    Files.createFile(dir.resolve("local/disks/d2.raw"));
    assertEquals(
        409, assertThrows(StorageError.class, () -> pools.claim(StorageKind.DISK, "d2")).status());
    assertEquals("raw", pools.require(StorageKind.DISK, "d2").format());
  }
}

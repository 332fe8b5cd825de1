package io.vmconsole.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the process's umask (tests run under 022), what OwnerOnly makes is its owner's alone.
 */
class OwnerOnlyTest {

  @TempDir Path dir;

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void writesAppendsAndCreatesOwnerOnlyWithTheirParents() throws Exception {
    Path written = dir.resolve("a/b/secret.json");
    OwnerOnly.write(written, "{}");
    OwnerOnly.write(written, "{\"again\":true}");
    Path appended = dir.resolve("c/audit.jsonl");
    OwnerOnly.append(appended, "one\n".getBytes(StandardCharsets.UTF_8));
    OwnerOnly.append(appended, "two\n".getBytes(StandardCharsets.UTF_8));
    Path log = OwnerOnly.existing(dir.resolve("d/agent.log"));

    assertThat(Files.readString(written)).isEqualTo("{\"again\":true}");
    assertThat(Files.readString(appended)).isEqualTo("one\ntwo\n");
    for (Path file : new Path[] {written, appended, log}) {
      assertThat(perms(file)).as(file.toString()).isEqualTo("rw-------");
    }
    for (Path directory :
        new Path[] {dir.resolve("a"), dir.resolve("a/b"), dir.resolve("c"), dir.resolve("d")}) {
      assertThat(perms(directory)).as(directory.toString()).isEqualTo("rwx------");
    }
    assertThat(Files.exists(written.resolveSibling("secret.json.tmp"))).isFalse();
  }

  @Test
  void anOldDataDirectoryIsPutRightKeepingItsOwnersRights() throws Exception {
    Path old = Files.createDirectories(dir.resolve("data/api/objects"));
    Path object = Files.writeString(old.resolve("secret.json"), "{}");
    Path script = Files.writeString(dir.resolve("data/tool.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

    OwnerOnly.restrictTree(dir.resolve("data"));

    assertThat(perms(object)).isEqualTo("rw-------");
    assertThat(perms(script)).isEqualTo("rwx------");
    assertThat(perms(old)).isEqualTo("rwx------");
    assertThat(perms(dir.resolve("data"))).isEqualTo("rwx------");
  }
}

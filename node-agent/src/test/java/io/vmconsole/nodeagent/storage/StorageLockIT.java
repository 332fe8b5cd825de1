package io.vmconsole.nodeagent.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete while a real QEMU holds the image: refused by the agent that made the disk and by a second
 * agent sharing the pool directory (the check is QEMU's per-file lock, not agent memory).
 */
class StorageLockIT {
  @TempDir static Path dir;
  static StorageAgent first;
  static StorageAgent second;
  static Path shared;
  Process qemu;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(StorageFixtures.qemuImgAvailable(), "qemu-img is not installed");
    assertTrue(qemuAvailable(), "qemu-system-x86_64 is not installed");
    shared = dir.resolve("shared");
    first = new StorageAgent(dir.resolve("agent-1"), shared, null);
    second = new StorageAgent(dir.resolve("agent-2"), shared, null);
  }

  @AfterAll
  static void stop() {
    for (StorageAgent a : new StorageAgent[] {first, second}) {
      if (a != null) {
        a.close();
      }
    }
  }

  @AfterEach
  void killQemu() {
    if (qemu != null) {
      qemu.destroyForcibly();
    }
  }

  @Test
  void deleteIsRefusedWhileQemuHoldsTheImageOnEitherAgent() throws Exception {
    String base = uploadImage("lk-base");
    Path readOnly = Path.of(uploadImage("lk-ro"));
    JsonNode overlay =
        created("{\"uid\":\"lk-ov\",\"image\":{\"uid\":\"lk-base\"},\"mode\":\"overlay\"}");
    Path disk = Path.of(overlay.path("path").asText());

    qemu = startQemuOn(disk, readOnly);
    long pid = qemu.pid();
    // The lock is really taken: qemu-img without -U (force share) can no longer open the file.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> qemuImgInfoError(disk).contains("Failed to get shared \"write\" lock"));

    for (StorageAgent agent : new StorageAgent[] {first, second}) {
      StorageAgent.Response r = agent.call("DELETE", "/v1/storage/disks/lk-ov", null);
      assertEquals(409, r.status(), r.body().toString());
      assertTrue(r.body().path("error").asText().contains("in use"), r.body().toString());
    }
    // An image open only read-only (as a CD-ROM or read-only disk is) is held all the same;
    // qemu-img info without -U would still open it, QEMU's lock bytes show the reader.
    assertEquals("", qemuImgInfoError(readOnly));
    for (StorageAgent agent : new StorageAgent[] {first, second}) {
      StorageAgent.Response r = agent.call("DELETE", "/v1/storage/images/lk-ro", null);
      assertEquals(409, r.status(), r.body().toString());
      assertTrue(r.body().path("error").asText().contains("image lock"), r.body().toString());
    }
    // The base of the overlay: refused (it backs lk-ov), running or not.
    assertEquals(409, second.call("DELETE", "/v1/storage/images/lk-base", null).status());
    assertEquals(
        409,
        first.call("POST", "/v1/storage/disks/lk-ov/grow", "{\"sizeBytes\":104857600}").status());
    assertTrue(
        Files.exists(disk) && Files.exists(Path.of(base)) && Files.exists(readOnly),
        "nothing was removed");
    assertEquals(200, second.call("GET", "/v1/storage/disks/lk-ov", null).status());

    ProcessHandle.of(pid).orElseThrow().destroy();
    await().atMost(Duration.ofSeconds(30)).until(() -> !qemu.isAlive());

    StorageAgent.Response deleted = second.call("DELETE", "/v1/storage/disks/lk-ov", null);
    assertEquals(200, deleted.status(), deleted.body().toString());
    assertFalse(Files.exists(disk));
    assertEquals(200, first.call("DELETE", "/v1/storage/images/lk-base", null).status());
    assertEquals(200, second.call("DELETE", "/v1/storage/images/lk-ro", null).status());
    assertFalse(Files.exists(Path.of(base)));
    assertEquals(404, first.call("GET", "/v1/storage/disks/lk-ov", null).status());
    assertEquals(0, StorageFixtures.fileCount(shared), "pool left empty");
  }

  @Test
  void aDiskThatNoQemuHoldsIsDeletedAtOnce() throws Exception {
    Path disk =
        Path.of(created("{\"uid\":\"free-1\",\"sizeBytes\":1048576}").path("path").asText());
    assertEquals(200, second.call("DELETE", "/v1/storage/disks/free-1", null).status());
    assertFalse(Files.exists(disk));
  }

  private static JsonNode created(String json) throws Exception {
    StorageAgent.Response r = first.call("POST", "/v1/storage/disks", json);
    assertEquals(201, r.status(), r.body().toString());
    return r.body();
  }

  private static String uploadImage(String uid) throws Exception {
    byte[] qcow2 = StorageFixtures.qcow2(dir, uid, 32 << 20);
    String id =
        first
            .call(
                "POST", "/v1/storage/uploads", "{\"kind\":\"image\",\"uid\":\"%s\"}".formatted(uid))
            .body()
            .path("id")
            .asText();
    JsonNode job =
        first
            .send(
                "PUT",
                "/v1/storage/jobs/" + id + "/data",
                HttpRequest.BodyPublishers.ofByteArray(qcow2))
            .body();
    assertEquals("Succeeded", job.path("state").asText(), job.toString());
    return job.path("result").path("path").asText();
  }

  /**
   * A QEMU with no machine and no devices: it only opens the images, which is what locks them;
   * {@code readOnly} is opened read-only.
   */
  private Process startQemuOn(Path disk, Path readOnly) throws IOException {
    return new ProcessBuilder(
            List.of(
                "qemu-system-x86_64",
                "-machine",
                "none",
                "-nodefaults",
                "-display",
                "none",
                "-blockdev",
                "driver=file,filename=" + disk + ",node-name=f0",
                "-blockdev",
                "driver=qcow2,file=f0,node-name=d0",
                "-blockdev",
                "driver=file,filename=" + readOnly + ",node-name=f1,read-only=on",
                "-blockdev",
                "driver=qcow2,file=f1,node-name=d1,read-only=on"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("qemu.err").toFile())
        .start();
  }

  private static String qemuImgInfoError(Path disk) throws Exception {
    Process p =
        new ProcessBuilder("qemu-img", "info", disk.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    return p.waitFor() == 0 ? "" : out;
  }

  private static boolean qemuAvailable() {
    try {
      Process p =
          new ProcessBuilder("qemu-system-x86_64", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

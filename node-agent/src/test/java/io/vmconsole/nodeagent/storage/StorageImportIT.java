package io.vmconsole.nodeagent.storage;

import static io.vmconsole.nodeagent.storage.StorageFixtures.sha256;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports (http URL on loopback, upload stream) against the agent started in-process. */
class StorageImportIT {
  @TempDir static Path dir;
  static StorageAgent agent;
  static LoopbackFileServer files;
  static Path shared;
  static Path local;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(StorageFixtures.qemuImgAvailable(), "qemu-img is not installed");
    shared = dir.resolve("shared");
    local = dir.resolve("local");
    agent = new StorageAgent(dir.resolve("agent"), shared, local);
    files = new LoopbackFileServer();
  }

  @AfterAll
  static void stop() {
    if (files != null) {
      files.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  private static String startImport(String json) throws Exception {
    StorageAgent.Response r = agent.call("POST", "/v1/storage/imports", json);
    assertEquals(202, r.status(), r.body().toString());
    assertEquals("Running", r.body().path("state").asText());
    return r.body().path("id").asText();
  }

  private static JsonNode awaitEnd(String jobId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> agent.job(jobId), j -> !j.path("state").asText().equals("Running"));
  }

  @Test
  void importFromUrlReportsProgressVerifiesTheChecksumAndPublishes() throws Exception {
    int chunk = 512 << 10;
    byte[] data = StorageFixtures.raw(8 * chunk);
    Semaphore gate = new Semaphore(0);
    String url = files.serveGated("/raw.img", data, chunk, gate);
    String id =
        startImport(
            "{\"kind\":\"image\",\"uid\":\"img-url\",\"url\":\"%s\",\"checksum\":\"%s\"}"
                .formatted(url, sha256(data)));

    List<Long> seen = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      long expected = (long) i * chunk;
      JsonNode j =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> agent.job(id), n -> n.path("bytesDone").asLong() >= expected);
      assertEquals(data.length, j.path("bytesTotal").asLong());
      seen.add(j.path("bytesDone").asLong());
      gate.release();
    }
    assertEquals(8, seen.stream().distinct().count(), "a distinct progress value per chunk");
    assertEquals((long) data.length, seen.get(7));

    JsonNode done = awaitEnd(id);
    assertEquals("Succeeded", done.path("state").asText(), done.toString());
    JsonNode result = done.path("result");
    assertEquals("raw", result.path("format").asText());
    assertEquals(data.length, result.path("virtualSize").asLong());
    Path file = shared.resolve("images/img-url.raw");
    assertEquals(file.toRealPath().toString(), result.path("path").asText());
    assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(file)));
  }

  @Test
  void theEventStreamCarriesTheJobsProgressAndEnd() throws Exception {
    long before = agent.call("GET", "/v1/events?after=0", null).body().path("lastSeq").asLong();
    byte[] data = StorageFixtures.raw(3 << 20);
    String id =
        startImport(
            "{\"kind\":\"image\",\"uid\":\"img-events\",\"url\":\"%s\",\"checksum\":\"%s\"}"
                .formatted(files.serve("/events.img", data), sha256(data)));
    assertEquals("Succeeded", awaitEnd(id).path("state").asText());
    JsonNode events = agent.call("GET", "/v1/events?after=" + before, null).body().path("events");
    java.util.List<JsonNode> mine = new java.util.ArrayList<>();
    events.forEach(
        e -> {
          if ("storage".equals(e.path("type").asText()) && id.equals(e.path("jobId").asText())) {
            mine.add(e);
          }
        });
    assertTrue(mine.size() >= 2, "progress and end events: " + events);
    JsonNode last = mine.get(mine.size() - 1);
    assertEquals("Succeeded", last.path("state").asText());
    assertEquals(data.length, mine.get(mine.size() - 2).path("bytesDone").asLong());
  }

  @Test
  void aWrongChecksumFailsTheJobAndLeavesNoFile() throws Exception {
    byte[] data = StorageFixtures.raw(3 << 20);
    String url = files.serve("/bad.img", data);
    String wrong = "sha256:" + "0".repeat(64);
    String id =
        startImport(
            "{\"kind\":\"image\",\"uid\":\"img-bad\",\"url\":\"%s\",\"checksum\":\"%s\"}"
                .formatted(url, wrong));
    JsonNode done = awaitEnd(id);
    assertEquals("Failed", done.path("state").asText());
    assertTrue(done.path("error").asText().contains("checksum"), done.toString());
    assertTrue(done.path("error").asText().contains(wrong), done.toString());
    assertFalse(Files.exists(shared.resolve("images/img-bad.raw")));
    assertEquals(0, StorageFixtures.fileCount(shared.resolve(".tmp")), "no partial file");
    assertEquals(404, agent.call("GET", "/v1/storage/images/img-bad", null).status());
  }

  @Test
  void aGzipDownloadIsDecompressedAndItsFormatDetected() throws Exception {
    byte[] qcow2 = StorageFixtures.qcow2(dir, "gz-src", 32 << 20);
    byte[] gz = StorageFixtures.gzip(qcow2);
    String url = files.serve("/disk.qcow2.gz", gz);
    String id =
        startImport(
            "{\"kind\":\"disk\",\"uid\":\"disk-gz\",\"pool\":\"local\",\"url\":\"%s\",\"checksum\":\"%s\",\"format\":\"qcow2\"}"
                .formatted(url, sha256(gz)));
    JsonNode done = awaitEnd(id);
    assertEquals("Succeeded", done.path("state").asText(), done.toString());
    assertEquals(gz.length, done.path("bytesDone").asLong(), "progress counts transferred bytes");
    assertEquals("qcow2", done.path("result").path("format").asText());
    assertEquals(32 << 20, done.path("result").path("virtualSize").asLong());
    assertTrue(Files.exists(local.resolve("disks/disk-gz.qcow2")));
  }

  @Test
  void anHttpErrorFailsTheJob() throws Exception {
    String id =
        startImport(
            "{\"kind\":\"image\",\"uid\":\"img-404\",\"url\":\"%s\"}"
                .formatted(files.serve("/x", new byte[0]).replace("/x", "/missing")));
    JsonNode done = awaitEnd(id);
    assertEquals("Failed", done.path("state").asText());
    assertTrue(done.path("error").asText().contains("HTTP 404"), done.toString());
  }

  @Test
  void uploadStreamIsVerifiedAndPublished() throws Exception {
    byte[] qcow2 = StorageFixtures.qcow2(dir, "up-src", 64 << 20);
    StorageAgent.Response open =
        agent.call(
            "POST",
            "/v1/storage/uploads",
            "{\"kind\":\"image\",\"uid\":\"img-up\",\"checksum\":\"%s\",\"sizeBytes\":%d}"
                .formatted(sha256(qcow2), qcow2.length));
    assertEquals(202, open.status(), open.body().toString());
    String id = open.body().path("id").asText();
    assertEquals(0, agent.job(id).path("bytesDone").asLong());

    StorageAgent.Response put =
        agent.send(
            "PUT",
            "/v1/storage/jobs/" + id + "/data",
            HttpRequest.BodyPublishers.ofByteArray(qcow2));
    assertEquals(200, put.status(), put.body().toString());
    JsonNode job = agent.job(id);
    assertEquals("Succeeded", job.path("state").asText(), job.toString());
    assertEquals(qcow2.length, job.path("bytesDone").asLong());
    assertEquals(qcow2.length, job.path("bytesTotal").asLong());
    assertEquals("qcow2", job.path("result").path("format").asText());
    assertEquals(64 << 20, job.path("result").path("virtualSize").asLong());

    assertEquals(
        409,
        agent
            .send(
                "PUT",
                "/v1/storage/jobs/" + id + "/data",
                HttpRequest.BodyPublishers.ofByteArray(qcow2))
            .status(),
        "one upload per job");
  }

  @Test
  void anUploadWithAWrongChecksumLeavesNoFile() throws Exception {
    byte[] data = StorageFixtures.raw(2 << 20);
    String id =
        agent
            .call(
                "POST",
                "/v1/storage/uploads",
                "{\"kind\":\"disk\",\"uid\":\"disk-upbad\",\"checksum\":\"md5:%s\"}"
                    .formatted("1".repeat(32)))
            .body()
            .path("id")
            .asText();
    StorageAgent.Response put =
        agent.send(
            "POST",
            "/v1/storage/jobs/" + id + "/data",
            HttpRequest.BodyPublishers.ofByteArray(data));
    assertEquals("Failed", put.body().path("state").asText(), put.body().toString());
    assertTrue(put.body().path("error").asText().contains("checksum mismatch"));
    assertFalse(Files.exists(shared.resolve("disks/disk-upbad.raw")));
    assertEquals(0, StorageFixtures.fileCount(shared.resolve(".tmp")));
  }
}

package io.vmconsole.nodeagent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Create, grow, info and refusals against the agent started in-process. */
class StorageDiskIT {
  private static final long MIB = 1 << 20;

  @TempDir static Path dir;
  static StorageAgent agent;
  static Path shared;
  static Path local;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(StorageFixtures.qemuImgAvailable(), "qemu-img is not installed");
    shared = dir.resolve("shared");
    local = dir.resolve("local");
    agent = new StorageAgent(dir.resolve("agent"), shared, local);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static JsonNode created(String json) throws Exception {
    StorageAgent.Response r = agent.call("POST", "/v1/storage/disks", json);
    assertEquals(201, r.status(), r.body().toString());
    return r.body();
  }

  /** An image in the shared pool, put there through the upload call. */
  private static String image(String uid) throws Exception {
    byte[] qcow2 = StorageFixtures.qcow2(dir, uid, 48 * MIB);
    String id =
        agent
            .call(
                "POST", "/v1/storage/uploads", "{\"kind\":\"image\",\"uid\":\"%s\"}".formatted(uid))
            .body()
            .path("id")
            .asText();
    JsonNode job =
        agent
            .send(
                "PUT",
                "/v1/storage/jobs/" + id + "/data",
                HttpRequest.BodyPublishers.ofByteArray(qcow2))
            .body();
    assertEquals("Succeeded", job.path("state").asText(), job.toString());
    return job.path("result").path("path").asText();
  }

  @Test
  void capabilitiesReportBothPoolsWithFreeSpace() throws Exception {
    JsonNode pools =
        agent.call("GET", "/v1/capabilities", null).body().path("storage").path("pools");
    assertEquals(2, pools.size(), pools.toString());
    assertEquals("shared", pools.get(0).path("name").asText());
    assertEquals(shared.toRealPath().toString(), pools.get(0).path("path").asText());
    assertEquals("local", pools.get(1).path("name").asText());
    assertTrue(pools.get(1).path("freeBytes").asLong() > 0);
  }

  @Test
  void aBlankDiskGrowsButNeverShrinks() throws Exception {
    JsonNode disk =
        created("{\"uid\":\"grow-1\",\"pool\":\"local\",\"sizeBytes\":%d}".formatted(16 * MIB));
    assertEquals("qcow2", disk.path("format").asText());
    assertEquals(16 * MIB, disk.path("virtualSize").asLong());
    assertEquals(
        local.resolve("disks/grow-1.qcow2").toRealPath().toString(), disk.path("path").asText());

    StorageAgent.Response grown =
        agent.call(
            "POST", "/v1/storage/disks/grow-1/grow", "{\"sizeBytes\":%d}".formatted(40 * MIB));
    assertEquals(200, grown.status(), grown.body().toString());
    assertEquals(40 * MIB, grown.body().path("virtualSize").asLong());
    assertEquals(
        40 * MIB,
        agent.call("GET", "/v1/storage/disks/grow-1", null).body().path("virtualSize").asLong());

    StorageAgent.Response shrink =
        agent.call(
            "POST", "/v1/storage/disks/grow-1/grow", "{\"sizeBytes\":%d}".formatted(20 * MIB));
    assertEquals(400, shrink.status());
    assertEquals("sizeBytes", shrink.body().path("field").asText());
    assertTrue(shrink.body().path("error").asText().contains("shrink"));
    assertEquals(
        40 * MIB,
        agent.call("GET", "/v1/storage/disks/grow-1", null).body().path("virtualSize").asLong());
  }

  @Test
  void anOverlayHasTheImageAsBackingFileAndACopyHasNone() throws Exception {
    String base = image("base-ov");
    JsonNode overlay =
        created("{\"uid\":\"ov-1\",\"image\":{\"uid\":\"base-ov\"},\"mode\":\"overlay\"}");
    assertEquals(base, overlay.path("backingFile").asText());
    assertEquals("qcow2", overlay.path("backingFormat").asText());
    assertEquals(48 * MIB, overlay.path("virtualSize").asLong());

    JsonNode bigger =
        created(
            "{\"uid\":\"ov-2\",\"pool\":\"local\",\"image\":{\"path\":\"%s\"},\"mode\":\"overlay\",\"sizeBytes\":%d}"
                .formatted(base, 96 * MIB));
    assertEquals(base, bigger.path("backingFile").asText());
    assertEquals(96 * MIB, bigger.path("virtualSize").asLong());

    JsonNode copy = created("{\"uid\":\"cp-1\",\"image\":{\"uid\":\"base-ov\"},\"mode\":\"copy\"}");
    assertTrue(copy.path("backingFile").isNull(), copy.toString());
    assertEquals(48 * MIB, copy.path("virtualSize").asLong());

    assertEquals(
        409,
        agent
            .call("POST", "/v1/storage/disks", "{\"uid\":\"cp-1\",\"sizeBytes\":%d}".formatted(MIB))
            .status());

    StorageAgent.Response baseInUse = agent.call("DELETE", "/v1/storage/images/base-ov", null);
    assertEquals(409, baseInUse.status(), "stopped overlays still need their base");
    assertTrue(
        baseInUse.body().path("error").asText().contains("ov-1"), baseInUse.body().toString());
    assertTrue(
        baseInUse.body().path("error").asText().contains("ov-2"), baseInUse.body().toString());
    assertEquals(200, agent.call("DELETE", "/v1/storage/disks/ov-1", null).status());
    assertEquals(200, agent.call("DELETE", "/v1/storage/disks/ov-2", null).status());
    assertEquals(200, agent.call("DELETE", "/v1/storage/images/base-ov", null).status());
    assertEquals(
        48 * MIB,
        agent.call("GET", "/v1/storage/disks/cp-1", null).body().path("virtualSize").asLong(),
        "a copy does not need the image");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad uid        | /v1/storage/disks   | {\"uid\":\"../evil\",\"sizeBytes\":16777216}                          | uid",
        "uid with dot   | /v1/storage/disks   | {\"uid\":\"a.qcow2\",\"sizeBytes\":16777216}                          | uid",
        "pool as path   | /v1/storage/disks   | {\"uid\":\"bad-1\",\"pool\":\"/etc\",\"sizeBytes\":16777216}           | pool",
        "absurd size    | /v1/storage/disks   | {\"uid\":\"bad-2\",\"sizeBytes\":4611686018427387904}                 | sizeBytes",
        "huge number    | /v1/storage/disks   | {\"uid\":\"bad-3\",\"sizeBytes\":1e300}                               | sizeBytes",
        "negative size  | /v1/storage/disks   | {\"uid\":\"bad-4\",\"sizeBytes\":-1}                                  | sizeBytes",
        "size as text   | /v1/storage/disks   | {\"uid\":\"bad-5\",\"sizeBytes\":\"10G\"}                              | sizeBytes",
        "no size        | /v1/storage/disks   | {\"uid\":\"bad-6\"}                                                   | sizeBytes",
        "outside path   | /v1/storage/disks   | {\"uid\":\"bad-7\",\"image\":{\"path\":\"/etc/passwd\"},\"mode\":\"copy\"} | image.path",
        "escaping path  | /v1/storage/disks   | {\"uid\":\"bad-8\",\"image\":{\"path\":\"/tmp/../etc/hosts\"},\"mode\":\"copy\"} | image.path",
        "image uid      | /v1/storage/disks   | {\"uid\":\"bad-9\",\"image\":{\"uid\":\"../x\"},\"mode\":\"copy\"}    | image.uid",
        "bad mode       | /v1/storage/disks   | {\"uid\":\"bad-10\",\"image\":{\"uid\":\"x\"},\"mode\":\"link\"}      | mode",
        "malformed JSON | /v1/storage/disks   | {\"uid\":                                                           | body",
        "not an object  | /v1/storage/disks   | [1,2]                                                               | body",
        "file URL       | /v1/storage/imports | {\"kind\":\"image\",\"uid\":\"bad-11\",\"url\":\"file:///etc/passwd\"} | url",
        "bad kind       | /v1/storage/imports | {\"kind\":\"vm\",\"uid\":\"bad-12\",\"url\":\"http://127.0.0.1/\"}     | kind",
        "bad checksum   | /v1/storage/imports | {\"kind\":\"image\",\"uid\":\"bad-13\",\"url\":\"http://127.0.0.1/\",\"checksum\":\"sha256:abc\"} | checksum",
        "upload pool    | /v1/storage/uploads | {\"kind\":\"disk\",\"uid\":\"bad-14\",\"pool\":\"../../etc\"}         | pool",
        "bad format     | /v1/storage/uploads | {\"kind\":\"disk\",\"uid\":\"bad-15\",\"format\":\"vmdk\"}            | format",
      })
  void aBadRequestIsA400NamingTheFieldAndWritesNothing(
      String name, String path, String body, String field) throws Exception {
    long before = StorageFixtures.fileCount(shared) + StorageFixtures.fileCount(local);
    StorageAgent.Response r = agent.call("POST", path, body);
    assertEquals(400, r.status(), r.body().toString());
    assertEquals(field, r.body().path("field").asText(), r.body().toString());
    assertTrue(r.body().path("error").asText().length() > 0);
    assertEquals(before, StorageFixtures.fileCount(shared) + StorageFixtures.fileCount(local));
  }

  @Test
  void badIdsInThePathAre400AndUnknownOnes404() throws Exception {
    StorageAgent.Response r = agent.call("GET", "/v1/storage/disks/a.b", null);
    assertEquals(400, r.status());
    assertEquals("uid", r.body().path("field").asText());
    assertEquals(400, agent.call("DELETE", "/v1/storage/images/-rf", null).status());
    assertEquals(404, agent.call("GET", "/v1/storage/disks/nope", null).status());
    assertEquals(405, agent.call("PUT", "/v1/storage/disks/nope", null).status());
    assertEquals(404, agent.call("GET", "/v1/storage/jobs/nope", null).status());
    assertEquals(404, agent.call("DELETE", "/v1/storage/disks/nope", null).status());
    assertTrue(Files.isDirectory(shared.resolve("disks")));
  }
}

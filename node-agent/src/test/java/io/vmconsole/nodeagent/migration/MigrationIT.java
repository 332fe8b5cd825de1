package io.vmconsole.nodeagent.migration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.GuestOutput;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live migration between two agents on loopback with the demo guest. One guest is booted once (TCG
 * boots are slow) and travels through the ordered steps: node-1 → node-2, node-2 → node-1 with a
 * hot-plugged disk, then the failure paths, each of which must leave it running on node-1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationIT {
  private static final String VM = "mig-a";
  private static final String N1 = TwoAgents.NODE_1;
  private static final String N2 = TwoAgents.NODE_2;
  private static final Duration CMD = Duration.ofSeconds(60);

  /** Slow enough that a memory-busy 256 MiB guest takes minutes: the test acts mid-transfer. */
  private static final long THROTTLE = 2L << 20;

  @TempDir static Path dir;
  static final Qemus qemus = new Qemus();
  static TwoAgents agents;
  static Path pool;

  @BeforeAll
  static void agents() throws Exception {
    GuestImage.dir();
    pool = Files.createDirectories(dir.resolve("pool"));
    agents = new TwoAgents(dir, pool);
  }

  @AfterAll
  static void tearDown() {
    if (agents != null) {
      agents.close();
    }
    qemus.killAll();
  }

  @Test
  @Order(1)
  void runningGuestMovesToTheOtherNodeWithoutRestarting() throws Exception {
    AgentApi a1 = agents.one.api;
    a1.ok("PUT", "/v1/vms/" + VM, Seeds.spec(VM, 1, GuestImage.overlay(pool, VM), null));
    qemus.add(a1.ok("POST", "/v1/vms/" + VM + "/start", null).path("pid").asLong(), VM);
    Boot.awaitLogin(a1, VM);
    double uptimeBefore;
    try (ConsoleWs shell = serial(a1)) {
      shell.login(VM);
      shell.run("echo before-move > /tmp/marker && echo OK", "(?m)^OK$", CMD);
      uptimeBefore = uptime(shell);
    }

    long eventsBefore = a1.ok("GET", "/v1/events?after=0", null).path("lastSeq").asLong();
    JsonNode runningSpec = a1.vm(VM).path("spec");
    JsonNode started = agents.migrate(N1, VM, "m-1", 0);
    assertEquals("source", started.path("role").asText());
    JsonNode done = TwoAgents.awaitFinished(a1, "m-1");
    System.out.println("migration m-1 (idle guest): " + done);
    assertEquals("Succeeded", done.path("state").asText(), done.toString());
    assertTrue(done.path("downtimeMs").isNumber(), done.toString());
    assertTrue(done.path("totalMs").isNumber(), done.toString());
    assertTrue(done.path("progress").path("bytesTransferred").asLong() > 0, done.toString());
    assertTrue(done.path("progress").path("bytesTotal").asLong() > 0, done.toString());
    assertTrue(done.path("progress").path("iterations").asLong() > 0, done.toString());

    List<String> listed = new ArrayList<>();
    a1.ok("GET", "/v1/migrations", null)
        .path("items")
        .forEach(m -> listed.add(m.path("migrationId").asText()));
    assertEquals(List.of("m-1"), listed);
    List<String> states = new ArrayList<>();
    a1.ok("GET", "/v1/events?after=" + eventsBefore, null)
        .path("events")
        .forEach(
            e -> {
              if (e.path("type").asText().equals("migration")) {
                states.add(e.path("state").asText());
              }
            });
    assertTrue(
        states.containsAll(List.of("Preparing", "Running", "Completing", "Succeeded")),
        "migration events on the source: " + states);

    AgentApi a2 = agents.two.api;
    JsonNode target = a2.vm(VM);
    assertEquals("Running", target.path("state").asText(), target.toString());
    assertEquals("migrated from " + N1, target.path("reason").asText());
    qemus.add(target.path("pid").asLong(), VM);
    JsonNode sourceVm = a1.vm(VM);
    for (String field : List.of("vmId", "name", "namespace")) {
      assertEquals(sourceVm.path(field), target.path(field), "same identity: " + field);
    }
    assertEquals(
        runningSpec.path("disks"), target.path("spec").path("disks"), "same disks, same targets");
    assertEquals("Succeeded", a2.ok("GET", "/v1/migrations/m-1", null).path("state").asText());
    JsonNode source = a1.awaitState(VM, "Stopped", Duration.ofSeconds(30));
    assertEquals("migrated to " + N2, source.path("reason").asText());

    try (ConsoleWs shell = serial(a2)) {
      assertEquals(
          "before-move",
          shell.run("echo M=$(cat /tmp/marker)", "(?m)^M=(\\S+)$", CMD).group(1),
          "the guest's memory came along: no reboot");
      assertTrue(uptime(shell) > uptimeBefore, "uptime kept growing");
    }
    assertTrue(
        GuestOutput.showsReady(a2.call("GET", "/v1/vms/" + VM + "/serial/log", null).raw()),
        "the serial log continues on the target");
  }

  @Test
  @Order(2)
  void hotPluggedDiskMovesWithTheGuest() throws Exception {
    AgentApi a2 = agents.two.api;
    Path blank = GuestImage.blank(pool, "mig-extra", "48M");
    a2.ok(
        "POST",
        "/v1/vms/" + VM + "/disks",
        Map.of("id", "extra-1", "path", blank.toString(), "format", "qcow2"));
    String sizeBefore;
    try (ConsoleWs shell = serial(a2)) {
      sizeBefore = awaitSdbSize(shell);
    }
    assertEquals(String.valueOf(48 * 2048), sizeBefore, "48 MiB in 512-byte sectors");

    agents.migrate(N2, VM, "m-2", 0);
    JsonNode done = TwoAgents.awaitFinished(a2, "m-2");
    assertEquals("Succeeded", done.path("state").asText(), done.toString());

    AgentApi a1 = agents.one.api;
    JsonNode back = a1.vm(VM);
    assertEquals("Running", back.path("state").asText(), back.toString());
    assertEquals("migrated from " + N2, back.path("reason").asText());
    qemus.add(back.path("pid").asLong(), VM);
    assertEquals(2, back.path("spec").path("disks").size(), back.toString());
    try (ConsoleWs shell = serial(a1)) {
      assertEquals(sizeBefore, awaitSdbSize(shell));
      assertEquals(
          "before-move", shell.run("echo M=$(cat /tmp/marker)", "(?m)^M=(\\S+)$", CMD).group(1));
    }
  }

  @Test
  @Order(3)
  void killedTargetAgentLeavesTheBusyGuestRunningOnTheSource() throws Exception {
    AgentApi a1 = agents.one.api;
    try (ConsoleWs shell = serial(a1)) {
      shell.run(
          "(while :; do dd if=/dev/urandom of=/tmp/busy bs=1M count=24 2>/dev/null; done) &"
              + " echo BUSY",
          "(?m)^BUSY$",
          CMD);
    }
    agents.migrate(N1, VM, "m-3", THROTTLE);
    long incomingPid = agents.two.api.vm(VM).path("pid").asLong();
    qemus.add(incomingPid, VM);

    List<Long> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              JsonNode m = a1.ok("GET", "/v1/migrations/m-3", null);
              long bytes = m.path("progress").path("bytesTransferred").asLong();
              if (seen.isEmpty() || seen.get(seen.size() - 1) != bytes) {
                seen.add(bytes);
              }
              return seen.stream().filter(b -> b > 0).count() >= 3;
            });
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "bytes transferred never decrease: " + seen);
    }
    JsonNode running = a1.ok("GET", "/v1/migrations/m-3", null);
    assertEquals("Running", running.path("state").asText(), running.toString());
    assertTrue(running.path("progress").path("bytesTotal").asLong() > 0, running.toString());

    agents.two.process.destroyForcibly();
    JsonNode failed = TwoAgents.awaitFinished(a1, "m-3");
    assertEquals("Failed", failed.path("state").asText(), failed.toString());
    assertFalse(failed.path("reason").asText().isBlank(), failed.toString());
    assertGuestRunsOn(a1);

    agents.restartTwo();
    assertEquals(404, agents.two.api.call("GET", "/v1/vms/" + VM, null).status());
    await().atMost(Duration.ofSeconds(30)).until(() -> !alive(incomingPid));
  }

  @Test
  @Order(4)
  void cancelledMigrationLeavesTheGuestOnTheSource() throws Exception {
    AgentApi a1 = agents.one.api;
    long incomingPid = startThrottledFromOne("m-4");

    JsonNode patched =
        a1.ok("PATCH", "/v1/migrations/m-4", Map.of("maxBandwidthBytesPerSecond", THROTTLE / 2));
    assertEquals(THROTTLE / 2, patched.path("maxBandwidthBytesPerSecond").asLong());
    // The console's downtime steps: QEMU's downtime-limit changes while it migrates.
    JsonNode stepped = a1.ok("PATCH", "/v1/migrations/m-4", Map.of("downtimeLimitMs", 200));
    assertEquals(200, stepped.path("downtimeLimitMs").asLong(), stepped.toString());
    assertEquals(200, a1.ok("GET", "/v1/migrations/m-4", null).path("downtimeLimitMs").asLong());
    AgentApi.Response badLimit =
        a1.call("PATCH", "/v1/migrations/m-4", Map.of("downtimeLimitMs", 0));
    assertEquals(400, badLimit.status(), badLimit.raw());
    assertEquals("downtimeLimitMs", badLimit.body().path("field").asText());
    AgentApi.Response onTarget =
        agents.two.api.call("PATCH", "/v1/migrations/m-4", Map.of("downtimeLimitMs", 200));
    assertEquals(409, onTarget.status(), onTarget.raw());
    AgentApi.Response badPatch = a1.call("PATCH", "/v1/migrations/m-4", Map.of("cores", 2));
    assertEquals(400, badPatch.status(), badPatch.raw());
    assertEquals("cores", badPatch.body().path("field").asText());

    AgentApi.Response cancel = a1.call("DELETE", "/v1/migrations/m-4", null);
    assertEquals(202, cancel.status(), cancel.raw());
    JsonNode end = TwoAgents.awaitFinished(a1, "m-4");
    assertEquals("Cancelled", end.path("state").asText(), end.toString());
    assertGuestRunsOn(a1);

    AgentApi a2 = agents.two.api;
    assertEquals("Failed", TwoAgents.awaitFinished(a2, "m-4").path("state").asText());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a2.call("GET", "/v1/vms/" + VM, null).status() == 404);
    await().atMost(Duration.ofSeconds(30)).until(() -> !alive(incomingPid));
    // A finished migration is forgotten on DELETE.
    assertEquals(200, a1.call("DELETE", "/v1/migrations/m-4", null).status());
    assertEquals(404, a1.call("GET", "/v1/migrations/m-4", null).status());
  }

  @Test
  @Order(5)
  void streamNeedsItsTicketOnceAndIncomingChecksItsInput() throws Exception {
    AgentApi a2 = agents.two.api;
    List<String> calls = new ArrayList<>();
    a2.ok("GET", "/v1/capabilities", null)
        .path("calls")
        .forEach(c -> calls.add(c.path("method").asText() + " " + c.path("path").asText()));
    assertTrue(
        calls.containsAll(
            List.of(
                "POST /v1/migrations/incoming",
                "GET /v1/migrations/{id}/stream",
                "POST /v1/vms/{vmId}/migrate",
                "GET /v1/migrations",
                "GET /v1/migrations/{id}",
                "PATCH /v1/migrations/{id}",
                "DELETE /v1/migrations/{id}")),
        calls.toString());
    Path disk = GuestImage.overlay(pool, "mig-t");
    JsonNode spec = Seeds.spec("mig-t", 1, disk, null);

    assertBadField(a2, Map.of("vmId", "mig-t", "sourceNode", N1, "spec", spec), "migrationId");
    assertBadField(
        a2,
        Map.of("migrationId", "t-1", "vmId", "no/such", "sourceNode", N1, "spec", spec),
        "vmId");
    assertBadField(a2, Map.of("migrationId", "t-1", "vmId", "mig-t", "spec", spec), "sourceNode");
    assertBadField(a2, Map.of("migrationId", "t-1", "vmId", "mig-t", "sourceNode", N1), "spec");
    JsonNode badCores = spec.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) badCores).put("cores", 0);
    assertBadField(
        a2,
        Map.of("migrationId", "t-1", "vmId", "mig-t", "sourceNode", N1, "spec", badCores),
        "spec.cores");
    AgentApi.Response badUrl =
        agents.one.api.call(
            "POST",
            "/v1/vms/" + VM + "/migrate",
            Map.of(
                "migrationId",
                "t-0",
                "target",
                Map.of("node", N2, "url", "ftp://x", "ticket", "t")));
    assertEquals(400, badUrl.status(), badUrl.raw());
    assertEquals("target.url", badUrl.body().path("field").asText());

    JsonNode in =
        a2.ok(
            "POST",
            "/v1/migrations/incoming",
            Map.of("migrationId", "t-1", "vmId", "mig-t", "sourceNode", N1, "spec", spec));
    assertEquals("Waiting", in.path("state").asText(), in.toString());
    assertEquals("/v1/migrations/t-1/stream", in.path("streamPath").asText());
    long pid = a2.vm("mig-t").path("pid").asLong();
    qemus.add(pid, "mig-t");
    assertEquals("Incoming", a2.vm("mig-t").path("state").asText());
    String ticket = in.path("ticket").asText();

    assertEquals(401, StreamClient.status(a2.port, "/v1/migrations/t-1/stream", null));
    assertEquals(401, StreamClient.status(a2.port, "/v1/migrations/t-1/stream", "wrong"));
    assertEquals(
        401, StreamClient.status(a2.port, "/v1/migrations/t-1/stream/x", ticket), "other path");
    AgentApi.Response notThere = a2.call("GET", "/v1/vms", null, "Bearer " + ticket);
    assertEquals(401, notThere.status(), "the ticket opens the stream only");
    try (StreamClient stream = StreamClient.open(a2.port, "/v1/migrations/t-1/stream", ticket)) {
      assertEquals(401, StreamClient.status(a2.port, "/v1/migrations/t-1/stream", ticket));
      assertEquals("Running", a2.ok("GET", "/v1/migrations/t-1", null).path("state").asText());
    }
    // The stream ended before any commit: the target drops the incoming QEMU and VM.
    JsonNode failed = TwoAgents.awaitFinished(a2, "t-1");
    assertEquals("Failed", failed.path("state").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> !alive(pid));
    assertEquals(404, a2.call("GET", "/v1/vms/mig-t", null).status());
  }

  @Test
  @Order(6)
  void restartedTargetAgentDestroysAnUncommittedIncomingVm() throws Exception {
    AgentApi a2 = agents.two.api;
    JsonNode spec = Seeds.spec("mig-u", 1, GuestImage.overlay(pool, "mig-u"), null);
    a2.ok(
        "POST",
        "/v1/migrations/incoming",
        Map.of("migrationId", "u-1", "vmId", "mig-u", "sourceNode", N1, "spec", spec));
    long pid = a2.vm("mig-u").path("pid").asLong();
    qemus.add(pid, "mig-u");

    agents.two.process.destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !agents.two.process.isAlive());
    assertTrue(alive(pid), "QEMU outlives its agent");
    agents.restartTwo();
    await().atMost(Duration.ofSeconds(30)).until(() -> !alive(pid));
    assertEquals(404, agents.two.api.call("GET", "/v1/vms/mig-u", null).status());
  }

  @Test
  @Order(7)
  void sourceAgentKilledMidCopyFindsItsGuestRunningAfterRestart() throws Exception {
    long incomingPid = startThrottledFromOne("m-7");

    agents.one.process.destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !agents.one.process.isAlive());
    agents.restartOne();
    // Under TCG the source paused the guest for the copy; the restarted agent must not leave it so.
    assertGuestRunsOn(agents.one.api);
    AgentApi a2 = agents.two.api;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a2.call("GET", "/v1/vms/" + VM, null).status() == 404);
    await().atMost(Duration.ofSeconds(30)).until(() -> !alive(incomingPid));
  }

  private static void assertBadField(AgentApi api, Map<String, Object> body, String field)
      throws Exception {
    AgentApi.Response r = api.call("POST", "/v1/migrations/incoming", body);
    assertEquals(400, r.status(), r.raw());
    assertEquals(field, r.body().path("field").asText(), r.raw());
  }

  private static void assertGuestRunsOn(AgentApi api) throws Exception {
    JsonNode vm = api.awaitState(VM, "Running", Duration.ofSeconds(30));
    assertEquals("Running", vm.path("state").asText());
    try (ConsoleWs shell = serial(api)) {
      String before = shell.run("cat /proc/uptime", "(?m)^(\\d+\\.\\d+) ", CMD).group(1);
      await()
          .atMost(CMD)
          .until(
              () ->
                  Double.parseDouble(
                          shell.run("cat /proc/uptime", "(?m)^(\\d+\\.\\d+) ", CMD).group(1))
                      > Double.parseDouble(before));
      assertEquals("7", shell.run("echo SUM=$((3+4))", "(?m)^SUM=(\\d+)", CMD).group(1));
    }
  }

  private static ConsoleWs serial(AgentApi api) {
    return ConsoleWs.open(api, "/v1/vms/" + VM + "/serial?mode=interactive&user=t");
  }

  private static double uptime(ConsoleWs shell) {
    return Double.parseDouble(shell.run("cat /proc/uptime", "(?m)^(\\d+\\.\\d+) ", CMD).group(1));
  }

  private static String awaitSdbSize(ConsoleWs shell) {
    String[] size = new String[1];
    await()
        .atMost(CMD)
        .until(
            () -> {
              size[0] =
                  shell
                      .run(
                          "echo SZ=$(cat /sys/block/sdb/size 2>/dev/null || echo none)",
                          "(?m)^SZ=(\\S+)$",
                          CMD)
                      .group(1);
              return !size[0].equals("none");
            });
    return size[0];
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * A throttled migration node-1 → node-2 that has sent its first bytes; the incoming QEMU's pid.
   */
  private long startThrottledFromOne(String id) throws Exception {
    agents.migrate(N1, VM, id, THROTTLE);
    long incomingPid = agents.two.api.vm(VM).path("pid").asLong();
    qemus.add(incomingPid, VM);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                agents
                        .one
                        .api
                        .ok("GET", "/v1/migrations/" + id, null)
                        .path("progress")
                        .path("bytesTransferred")
                        .asLong()
                    > 0);
    return incomingPid;
  }
}

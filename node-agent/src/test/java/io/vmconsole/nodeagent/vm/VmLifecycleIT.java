package io.vmconsole.nodeagent.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.GuestOutput;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One long-lived VM from the demo image (a TCG boot costs 10–25 s here), checked through the agent
 * from every side that does not destroy it; the graceful stop comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmLifecycleIT {
  private static final String VM = "life-0001";
  private static final Duration BOOT = Duration.ofSeconds(240);
  @TempDir static Path dir;
  static Path pool;
  static TestAgent agent;
  static AgentApi api;
  static final Qemus qemus = new Qemus();
  static ConsoleWs alice;

  @BeforeAll
  static void boot() throws Exception {
    GuestImage.dir();
    pool = Files.createDirectories(dir.resolve("pool"));
    String key = Seeds.sshKey(dir);
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    api = agent.api;
    api.ok("PUT", "/v1/vms/" + VM, Seeds.spec("life", 2, GuestImage.overlay(pool, "life"), key));
    JsonNode started = api.ok("POST", "/v1/vms/" + VM + "/start", null);
    qemus.add(started.path("pid").asLong(), VM);
    assertEquals("Running", started.path("state").asText());
    assertEquals("tcg", started.path("accelerator").asText());
    alice = ConsoleWs.open(api, "/v1/vms/" + VM + "/serial?mode=interactive&user=alice");
    alice.await("login: ", 0, BOOT);
  }

  @AfterAll
  static void tearDown() {
    if (alice != null) {
      alice.close();
    }
    if (agent != null) {
      agent.close();
    }
    qemus.killAll();
  }

  @Test
  @Order(1)
  void serialLoginShowsSeedCoresAndRootDisk() throws Exception {
    String boot = GuestOutput.withoutKernelLines(alice.text());
    assertTrue(boot.matches("(?s).*The system is finally up, after [0-9.]+ seconds.*"), boot);
    assertTrue(boot.contains("vmconsole-guest-ready"), boot);
    assertTrue(boot.contains("life login: "), "hostname from the seed: " + boot);
    alice.login("life");
    assertEquals(
        "2",
        alice.run("echo NPROC=$(nproc)", "(?m)^NPROC=(\\d+)", Duration.ofSeconds(30)).group(1));
    String blocks =
        alice
            .run(
                "echo BLK=$(ls /sys/block | tr '\\n' ,)", "(?m)^BLK=(\\S+)", Duration.ofSeconds(30))
            .group(1);
    assertTrue(Arrays.asList(blocks.split(",")).contains("sda"), blocks);
    assertEquals(
        "life",
        alice.run("echo HOST=$(hostname)", "(?m)^HOST=(\\S+)", Duration.ofSeconds(30)).group(1));
  }

  @Test
  @Order(2)
  void guestAgentReportsOsAndAddresses() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> api.vm(VM).path("guest").path("addresses").toString().contains("10.20.0.15/24"));
    JsonNode guest = api.vm(VM).path("guest");
    assertEquals("up", guest.path("agent").asText());
    assertTrue(guest.path("osName").asText().contains("vm-console demo guest"), guest.toString());
    String events = api.ok("GET", "/v1/events?after=0", null).path("events").toString();
    assertTrue(events.contains("\"type\":\"guestAgent\""), events);
    assertTrue(events.contains("\"type\":\"guestInfo\""), events);
  }

  @Test
  @Order(2)
  void sshThroughTheLoopbackForwardRunsNproc() throws Exception {
    int port = api.vm(VM).path("sshPort").asInt();
    assertTrue(port > 0);
    String out =
        GuestImage.run(
            List.of(
                "ssh",
                "-p",
                Integer.toString(port),
                "-i",
                dir.resolve("id").toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "ConnectTimeout=60",
                "cloud@127.0.0.1",
                "nproc"),
            120);
    assertEquals("2", out.strip());
  }

  @Test
  @Order(3)
  void guestCannotReachTheHostsLoopbackServices() {
    // 10.20.0.1 is the gateway QEMU answers for; without restrict=on it leads to the host's
    // 127.0.0.1, where the agent listens.
    String r =
        alice
            .run(
                "command -v nc >/dev/null && echo HAVE=nc; nc -w 3 10.20.0.1 "
                    + api.port
                    + " </dev/null && echo REACH=yes || echo REACH=no",
                "(?m)^REACH=(yes|no)",
                Duration.ofSeconds(60))
            .group(1);
    assertTrue(alice.text().contains("\nHAVE=nc"), "busybox nc is in the image");
    assertEquals("no", r);
  }

  @Test
  @Order(4)
  void vncSpeaksRfb38AndSendsAFramebufferUpdate() {
    try (ConsoleWs vnc =
        ConsoleWs.open(api, "/v1/vms/" + VM + "/vnc?mode=interactive&user=viewer")) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> "viewer".equals(api.vm(VM).path("consoles").path("vnc").path("user").asText()));
      await().atMost(Duration.ofSeconds(20)).until(() -> vnc.bytes().length >= 12);
      assertEquals("RFB 003.008\n", new String(vnc.bytes(), 0, 12, StandardCharsets.US_ASCII));
      vnc.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(20)).until(() -> vnc.bytes().length >= 14);
      byte[] b = vnc.bytes();
      assertTrue(b[12] >= 1, "at least one security type");
      assertTrue(contains(Arrays.copyOfRange(b, 13, 13 + b[12]), (byte) 1), "type None offered");
      vnc.send(new byte[] {1});
      int resultAt = 13 + b[12];
      await().atMost(Duration.ofSeconds(20)).until(() -> vnc.bytes().length >= resultAt + 4);
      assertArrayEquals(new byte[4], Arrays.copyOfRange(vnc.bytes(), resultAt, resultAt + 4));
      vnc.send(new byte[] {1}); // ClientInit, shared
      int initAt = resultAt + 4;
      await().atMost(Duration.ofSeconds(20)).until(() -> vnc.bytes().length >= initAt + 24);
      byte[] init = vnc.bytes();
      int w = u16(init, initAt);
      int h = u16(init, initAt + 2);
      int nameLen = (int) ((long) u16(init, initAt + 20) << 16 | u16(init, initAt + 22));
      assertTrue(w > 0 && h > 0, "framebuffer " + w + "x" + h);
      int updateAt = initAt + 24 + nameLen;
      vnc.send(new byte[] {3, 0, 0, 0, 0, 0, (byte) (w >> 8), (byte) w, (byte) (h >> 8), (byte) h});
      await().atMost(Duration.ofSeconds(30)).until(() -> vnc.bytes().length > updateAt + 4);
      assertEquals(0, vnc.bytes()[updateAt], "FramebufferUpdate message type");
    }
  }

  @Test
  @Order(5)
  void holderAndWatchersSeeTheSameBytesAndOnlyTheHolderTypes() throws Exception {
    try (ConsoleWs w1 = ConsoleWs.open(api, "/v1/vms/" + VM + "/serial?mode=watch&user=w1");
        ConsoleWs w2 = ConsoleWs.open(api, "/v1/vms/" + VM + "/serial?user=w2")) {
      assertEquals("alice", api.vm(VM).path("consoles").path("serial").path("user").asText());
      int a = alice.mark();
      int m1 = w1.mark();
      int m2 = w2.mark();
      alice.run("echo MARK-$((6*7))", "MARK-42\\n", Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                String s = alice.text().substring(a);
                return s.contains("MARK-42\n")
                    && s.equals(w1.text().substring(m1))
                    && s.equals(w2.text().substring(m2));
              });

      w1.type("echo WATCHER-TYPED\r");
      alice.run("echo CHECK-$((1+1))", "CHECK-2\\n", Duration.ofSeconds(30));
      assertFalse(alice.text().contains("WATCHER-TYPED"), "a watcher's keys never reach the guest");

      CompletionException refused =
          assertThrows(
              CompletionException.class,
              () -> ConsoleWs.open(api, "/v1/vms/" + VM + "/serial?mode=interactive&user=bob"));
      assertEquals(
          409,
          ((java.net.http.WebSocketHandshakeException) refused.getCause())
              .getResponse()
              .statusCode());

      try (ConsoleWs bob =
          ConsoleWs.open(
              api, "/v1/vms/" + VM + "/serial?mode=interactive&user=bob&takeOver=true")) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> alice.controls.stream().anyMatch(c -> c.contains("\"takenOver\"")));
        JsonNode msg =
            AgentApi.JSON.readTree(
                alice.controls.stream().filter(c -> c.contains("takenOver")).findFirst().get());
        assertEquals("bob", msg.path("by").asText());
        assertEquals("bob", api.vm(VM).path("consoles").path("serial").path("user").asText());
        alice.type("echo ALICE-AFTER\r");
        bob.run("echo BOB-$((2+3))", "BOB-5\\n", Duration.ofSeconds(30));
        assertFalse(bob.text().contains("ALICE-AFTER"));
        hotplugABlankDiskIsSeenAndDetached(bob);
      }
    }
  }

  private void hotplugABlankDiskIsSeenAndDetached(ConsoleWs shell) throws Exception {
    Path blank = GuestImage.blank(pool, "extra", "64M");
    JsonNode attached =
        api.ok(
            "POST",
            "/v1/vms/" + VM + "/disks",
            Map.of("id", "extra-0001", "path", blank.toString(), "format", "qcow2"));
    assertEquals(2, attached.path("spec").path("disks").size());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                shell
                    .run(
                        "echo HP=$(ls /sys/block | tr '\\n' ,)",
                        "(?m)^HP=(\\S*)\\n",
                        Duration.ofSeconds(20))
                    .group(1)
                    .contains("sdb"));
    api.ok("DELETE", "/v1/vms/" + VM + "/disks/extra-0001", null);
    assertEquals(1, api.vm(VM).path("spec").path("disks").size());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !shell
                    .run(
                        "echo HQ=$(ls /sys/block | tr '\\n' ,)",
                        "(?m)^HQ=(\\S*)\\n",
                        Duration.ofSeconds(20))
                    .group(1)
                    .contains("sdb"));
  }

  @Test
  @Order(6)
  void serialLogKeepsTheBootFromPowerOn() throws Exception {
    AgentApi.Response log = api.call("GET", "/v1/vms/" + VM + "/serial/log", null);
    assertEquals(200, log.status());
    assertTrue(log.raw().contains("Linux version"), "kernel banner from power-on");
    assertTrue(GuestOutput.showsReady(log.raw()));
  }

  @Test
  @Order(7)
  void hardResetRebootsTheSameProcess() throws Exception {
    long pid = api.vm(VM).path("pid").asLong();
    int from = alice.mark();
    api.ok("POST", "/v1/vms/" + VM + "/reset", null);
    alice.await("Linux version", from, BOOT);
    alice.await("login: ", from, BOOT);
    JsonNode after = api.vm(VM);
    assertEquals("Running", after.path("state").asText());
    assertEquals(pid, after.path("pid").asLong());
    JsonNode events = api.ok("GET", "/v1/events?after=0", null).path("events");
    boolean reset = false;
    for (JsonNode e : events) {
      reset |= "reset".equals(e.path("type").asText()) && VM.equals(e.path("vmId").asText());
    }
    assertTrue(reset, "a reset event: " + events);
  }

  @Test
  @Order(8)
  void gracefulStopEndsAsStoppedByHost() throws Exception {
    AgentApi.Response r =
        api.call("POST", "/v1/vms/" + VM + "/stop", Map.of("graceful", true, "timeoutSeconds", 60));
    assertEquals(202, r.status());
    JsonNode stopped = api.awaitState(VM, "Stopped", Duration.ofSeconds(90));
    assertEquals("stopped by host", stopped.path("reason").asText());
    assertTrue(stopped.path("pid").isNull());
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  private static boolean contains(byte[] a, byte v) {
    for (byte x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}

package io.vmconsole.nodeagent.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a VM ended, as QMP tells it: the guest's own poweroff, and a QEMU killed with SIGKILL. */
class VmExitReasonsIT {
  @TempDir static Path dir;
  static TestAgent agent;
  static AgentApi api;
  static final Qemus qemus = new Qemus();

  @BeforeAll
  static void bootTwo() throws Exception {
    Path pool = Files.createDirectories(dir.resolve("pool"));
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    api = agent.api;
    for (String name : new String[] {"off", "crash"}) {
      api.ok("PUT", "/v1/vms/" + name, Seeds.spec(name, 1, GuestImage.overlay(pool, name), null));
      qemus.add(api.ok("POST", "/v1/vms/" + name + "/start", null).path("pid").asLong(), name);
    }
    Boot.awaitLogin(api, "off");
    Boot.awaitLogin(api, "crash");
  }

  @AfterAll
  static void tearDown() {
    if (agent != null) {
      agent.close();
    }
    qemus.killAll();
  }

  @Test
  void guestPoweroffIsGuestPoweredOff() throws Exception {
    try (ConsoleWs shell = ConsoleWs.open(api, "/v1/vms/off/serial?mode=interactive&user=t")) {
      shell.login("root", "off");
      shell.type("poweroff\r");
      JsonNode s = api.awaitState("off", "Stopped", Duration.ofSeconds(60));
      assertEquals("guest powered off", s.path("reason").asText());
    }
    // Same VM again (a new QEMU), then a kernel panic: pvpanic reports it.
    qemus.add(api.ok("POST", "/v1/vms/off/start", null).path("pid").asLong(), "off");
    Boot.awaitLogin(api, "off");
    try (ConsoleWs shell = ConsoleWs.open(api, "/v1/vms/off/serial?mode=interactive&user=t")) {
      shell.login("root", "off");
      shell.type("echo c > /proc/sysrq-trigger\r");
      JsonNode s = api.awaitState("off", "Crashed", Duration.ofSeconds(60));
      assertEquals("panicked", s.path("reason").asText());
    }
  }

  @Test
  void killMinus9IsCrashed() throws Exception {
    long pid = api.vm("crash").path("pid").asLong();
    GuestImage.run(java.util.List.of("kill", "-9", Long.toString(pid)), 10);
    JsonNode s = api.awaitState("crash", "Crashed", Duration.ofSeconds(30));
    assertEquals("crashed", s.path("reason").asText());
  }
}

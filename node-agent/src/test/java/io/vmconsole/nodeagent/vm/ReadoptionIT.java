package io.vmconsole.nodeagent.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.GuestOutput;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QEMU outlives its agent: SIGINT to the agent's process group and SIGKILL to the agent leave both
 * VMs running; a new agent re-adopts them with the same pids and serves their consoles.
 */
class ReadoptionIT {
  @TempDir static Path dir;
  static final Qemus qemus = new Qemus();
  static TestAgent first;
  static TestAgent second;

  @AfterAll
  static void tearDown() {
    for (TestAgent a : new TestAgent[] {first, second}) {
      if (a != null) {
        a.close();
      }
    }
    qemus.killAll();
  }

  @Test
  void vmsSurviveTheAgentAndAreReadopted() throws Exception {
    GuestImage.dir();
    Path pool = Files.createDirectories(dir.resolve("pool"));
    first = TestAgent.separateProcess(dir.resolve("agent"), pool);
    AgentApi api = first.api;
    long[] pids = new long[2];
    String[] ids = {"ra-1", "ra-2"};
    for (int i = 0; i < 2; i++) {
      api.ok(
          "PUT",
          "/v1/vms/" + ids[i],
          Seeds.spec(ids[i], 1, GuestImage.overlay(pool, ids[i]), null));
      pids[i] = api.ok("POST", "/v1/vms/" + ids[i] + "/start", null).path("pid").asLong();
      qemus.add(pids[i], ids[i]);
    }
    Boot.awaitLogin(api, ids[0]);
    Boot.awaitLogin(api, ids[1]);

    long agentPid = first.process.pid();
    // The agent was started through setsid: its pid is its process group.
    GuestImage.run(List.of("kill", "-INT", "--", "-" + agentPid), 10);
    if (first.process.isAlive()) {
      GuestImage.run(List.of("kill", "-9", Long.toString(agentPid)), 10);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !first.process.isAlive());
    for (long pid : pids) {
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid);
    }

    second = TestAgent.separateProcess(dir.resolve("agent"), pool);
    AgentApi api2 = second.api;
    JsonNode list = api2.ok("GET", "/v1/vms", null).path("items");
    assertEquals(2, list.size());
    for (int i = 0; i < 2; i++) {
      JsonNode vm = api2.vm(ids[i]);
      assertEquals("Running", vm.path("state").asText(), vm.toString());
      assertEquals(pids[i], vm.path("pid").asLong());
    }

    try (ConsoleWs shell = ConsoleWs.open(api2, "/v1/vms/ra-1/serial?mode=interactive&user=t")) {
      shell.login("ra-1");
      assertEquals(
          "7", shell.run("echo SUM=$((3+4))", "(?m)^SUM=(\\d+)", Duration.ofSeconds(30)).group(1));
    }
    assertTrue(
        GuestOutput.showsReady(new String(api2.call("GET", "/v1/vms/ra-1/serial/log", null).raw())),
        "the boot log from before the restart is kept");

    AgentApi.Response again = api2.call("POST", "/v1/vms/ra-2/start", null);
    assertEquals(409, again.status(), again.raw());
    assertEquals(pids[1], api2.vm("ra-2").path("pid").asLong(), "still the one QEMU");
  }
}

package io.vmconsole.nodeagent.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 8: a VM whose first disk is blank and whose second holds the demo system boots
 * from the second without anyone acting (SeaBIOS alone would stop at "No bootable device").
 */
class BootFallThroughIT {
  @TempDir static Path dir;
  static TestAgent agent;
  static final Qemus qemus = new Qemus();

  @AfterAll
  static void tearDown() {
    if (agent != null) {
      agent.close();
    }
    qemus.killAll();
  }

  @Test
  void aBlankFirstDiskFallsThroughToTheImage() throws Exception {
    Path pool = Files.createDirectories(dir.resolve("pool"));
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    AgentApi api = agent.api;
    ObjectNode spec = Seeds.spec("ft", 1, GuestImage.overlay(pool, "ft"), null);
    ArrayNode disks = (ArrayNode) spec.path("disks");
    ObjectNode blank = disks.insertObject(0);
    blank
        .put("id", "blank-ft")
        .put("path", GuestImage.blank(pool, "blank-ft", "64M").toString())
        .put("format", "qcow2");
    api.ok("PUT", "/v1/vms/ft", spec);
    long pid = api.ok("POST", "/v1/vms/ft/start", null).path("pid").asLong();
    qemus.add(pid, "ft");
    Boot.awaitLogin(api, "ft");
    String log = api.call("GET", "/v1/vms/ft/serial/log", null).raw();
    assertTrue(log.contains("login: "), log);
  }
}

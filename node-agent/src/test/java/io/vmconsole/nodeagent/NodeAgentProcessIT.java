package io.vmconsole.nodeagent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as the separate process it is in production, through its main class. */
class NodeAgentProcessIT {
  @TempDir Path dir;

  private Process launch(String... args) throws Exception {
    Files.writeString(dir.resolve("token"), "proc-token");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(NodeAgentMain.class.getName());
    cmd.addAll(
        List.of(
            "--node-name",
            "proc-node",
            "--token-file",
            dir.resolve("token").toString(),
            "--state-dir",
            dir.resolve("state").toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent.log").toFile())
        .start();
  }

  @Test
  void refusesNonLoopbackWithoutTls() throws Exception {
    Process p = launch("--listen", "0.0.0.0:0");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    String log = Files.readString(dir.resolve("agent.log"), StandardCharsets.UTF_8);
    assertTrue(log.contains("refusing plain HTTP on non-loopback address 0.0.0.0"), log);
  }

  @Test
  void servesOnPickedPortWrittenToPortFile() throws Exception {
    Path portFile = dir.resolve("port");
    Process p = launch("--listen", "127.0.0.1:0", "--port-file", portFile.toString());
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile) || !p.isAlive());
      assertTrue(p.isAlive(), () -> readLog());
      int port = Integer.parseInt(Files.readString(portFile).strip());
      AgentHttp http = new AgentHttp(port);
      assertEquals(401, http.call("GET", "/v1/healthz", null).status());
      AgentHttp.Response r = http.call("GET", "/v1/capabilities", "Bearer proc-token");
      assertEquals(200, r.status());
      assertEquals("proc-node", r.body().path("nodeName").asText());
    } finally {
      p.destroy();
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "SIGTERM stops the agent");
    }
  }

  private String readLog() {
    try {
      return Files.readString(dir.resolve("agent.log"));
    } catch (Exception e) {
      return "";
    }
  }
}

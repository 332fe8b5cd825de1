package io.vmconsole.nodeagent.testing;

import static org.awaitility.Awaitility.await;

import io.vmconsole.nodeagent.AgentConfig;
import io.vmconsole.nodeagent.NodeAgent;
import io.vmconsole.nodeagent.NodeAgentMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent for tests: in-process, or as a separate process in its own process group (started
 * through {@code setsid}, so a test can signal the group without hitting the test JVM).
 */
public final class TestAgent implements AutoCloseable {
  public static final String TOKEN = "it-token-42";
  private final NodeAgent inProcess;
  public final Process process;
  public final AgentApi api;

  private TestAgent(NodeAgent inProcess, Process process, int port) {
    this.inProcess = inProcess;
    this.process = process;
    this.api = new AgentApi(port, TOKEN);
  }

  public static TestAgent inProcess(Path dir, Path pool) throws Exception {
    return inProcess(dir, pool, "it-node");
  }

  /** With its own node name, like {@link #separateProcess(Path, Path, String)}. */
  public static TestAgent inProcess(Path dir, Path pool, String nodeName) throws Exception {
    Files.createDirectories(dir);
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN);
    NodeAgent a =
        NodeAgent.start(
            new AgentConfig(
                nodeName,
                "127.0.0.1",
                0,
                null,
                token,
                dir.resolve("state"),
                null,
                null,
                null,
                List.of(pool)));
    return new TestAgent(a, null, a.port());
  }

  public static TestAgent separateProcess(Path dir, Path pool) throws Exception {
    return separateProcess(dir, pool, "it-node");
  }

  /** With its own node name: two agents of one test (migrations) tell themselves apart by it. */
  public static TestAgent separateProcess(Path dir, Path pool, String nodeName) throws Exception {
    Files.createDirectories(dir);
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN);
    Path portFile = dir.resolve("port");
    Files.deleteIfExists(portFile);
    List<String> cmd = new ArrayList<>(List.of("setsid"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), NodeAgentMain.class.getName()));
    cmd.addAll(
        List.of(
            "--node-name", nodeName,
            "--listen", "127.0.0.1:0",
            "--port-file", portFile.toString(),
            "--token-file", token.toString(),
            "--state-dir", dir.resolve("state").toString(),
            "--pool", pool.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
            .start();
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile) || !p.isAlive());
    if (!p.isAlive()) {
      throw new IllegalStateException("agent died: " + Files.readString(dir.resolve("agent.log")));
    }
    return new TestAgent(null, p, Integer.parseInt(Files.readString(portFile).strip()));
  }

  @Override
  public void close() {
    if (inProcess != null) {
      inProcess.close();
    }
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}

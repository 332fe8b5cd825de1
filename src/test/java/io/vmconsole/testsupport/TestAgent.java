package io.vmconsole.testsupport;

import io.vmconsole.agent.AgentEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A real node agent for console tests, until the controller's topology supervises agents: built
 * from this checkout's node-agent/ once, started on loopback
 * with its own token, state dir and disk pool, and stopped by pid when the JVM ends.
 */
public final class TestAgent {
  private static final Path HOME = Path.of("target/test-agent").toAbsolutePath();
  private static TestAgent instance;

  private final Process process;
  private final AgentEndpoint endpoint;
  private final Path pool;

  private TestAgent(Process process, AgentEndpoint endpoint, Path pool) {
    this.process = process;
    this.endpoint = endpoint;
    this.pool = pool;
  }

  /** The one agent of this JVM, node name {@code node-test}. */
  public static synchronized TestAgent get() {
    if (instance == null) {
      try {
        instance = start("node-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
    }
    return instance;
  }

  public AgentEndpoint endpoint() {
    return endpoint;
  }

  public Path pool() {
    return pool;
  }

  private static TestAgent start(String node) throws IOException {
    Path jar = build();
    Path run = HOME.resolve("run-" + UUID.randomUUID().toString().substring(0, 6));
    Path pool = Files.createDirectories(run.resolve("pool"));
    Path tokenFile = run.resolve("token");
    String token = UUID.randomUUID().toString();
    Files.writeString(tokenFile, token);
    Path portFile = run.resolve("port");
    Process p = new ProcessBuilder(List.of("java", "-jar", jar.toString(), "--node-name", node,
        "--listen", "127.0.0.1:0", "--port-file", portFile.toString(), "--token-file", tokenFile.toString(),
        "--state-dir", run.resolve("state").toString(), "--pool", pool.toString()))
        .redirectErrorStream(true)
        .redirectOutput(run.resolve("agent.log").toFile())
        .start();
    Awaitility.await("agent port file").atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(portFile) && Files.readString(portFile).endsWith("\n"));
    int port = Integer.parseInt(Files.readString(portFile).trim());
    return new TestAgent(p, new AgentEndpoint(node, URI.create("http://127.0.0.1:" + port), token), pool);
  }

  /** The agent jar of this checkout's node-agent/, built once (it is not part of the console's build). */
  private static Path build() throws IOException {
    Path pom = Path.of("node-agent/pom.xml").toAbsolutePath();
    Path jar = pom.getParent().resolve("target/node-agent.jar");
    if (!Files.exists(jar)) {
      run(List.of("mvn", "-q", "-o", "-f", pom.toString(), "package", "-DskipTests"), Path.of("."));
    }
    return jar;
  }

  static void run(List<String> cmd, Path dir) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException(cmd + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private void stop() {
    AgentVm.killLeftovers();
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }
}

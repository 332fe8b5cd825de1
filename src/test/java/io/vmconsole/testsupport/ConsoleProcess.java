package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console started as a process of its own, with the test JVM's class path, for tests that need a
 * second console (another mode, another API server). Stopped by pid.
 */
public final class ConsoleProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  public ConsoleProcess(Path log, String... properties) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.vmconsole.Application", "--server.port=" + port));
    for (String p : properties) {
      command.add("--" + p);
    }
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("console exited with " + process.exitValue() + "; see " + log);
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
            HttpResponse.BodyHandlers.discarding());
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.toHandle().destroyForcibly();
      process.waitFor();
    }
  }
}

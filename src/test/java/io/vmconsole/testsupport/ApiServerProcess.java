package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded API server started as a process of its own (as a separate cluster would be), stopped
 * by pid when the test is done.
 */
public final class ApiServerProcess implements AutoCloseable {
  private final Process process;
  private final Path kubeconfig;
  private final AtomicReference<String> url = new AtomicReference<>();
  private final StringBuilder output = new StringBuilder();

  public ApiServerProcess(Path dir) throws IOException {
    ConsoleIntegrationTest.deleteRecursively(dir);
    Files.createDirectories(dir);
    kubeconfig = dir.resolve("kubeconfig");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.vmconsole.cluster.embedded.EmbeddedApiServerMain",
                    "--data-dir",
                    dir.resolve("api").toString(),
                    "--kubeconfig",
                    kubeconfig.toString()))
            .redirectErrorStream(true)
            .start();
    Thread reader = new Thread(this::readOutput, "api-server-output");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> url.get() != null || !process.isAlive());
    if (url.get() == null) {
      throw new IllegalStateException("API server did not start:\n" + output);
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public KubernetesClient client() throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.startsWith("READY ")) {
          url.set(line.substring(6).trim());
        }
      }
    } catch (IOException e) {
      // the process ended; its output is complete
    }
  }

  @Override
  public void close() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      handle.destroyForcibly();
      process.waitFor();
    }
  }
}

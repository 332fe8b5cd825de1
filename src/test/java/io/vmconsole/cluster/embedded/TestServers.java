package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionResult;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.testsupport.ProcessLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts embedded servers for tests: the real CRDs, a data dir under target/, the userData
 * admission rule.
 */
final class TestServers {

  static final String TOKEN = "test-token-0123456789";

  /** Denies inline userData longer than 2048 bytes, the rule the seed documents. */
  static final Admission USER_DATA_LIMIT =
      request -> {
        String userData =
            request.object().path("spec").path("provisioning").path("userData").asText("");
        if (userData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 2048) {
          return AdmissionResult.denied(
              List.of(new FieldError("spec.provisioning.userData", "must be at most 2048 bytes")));
        }
        return AdmissionResult.allowed(request.object());
      };

  private TestServers() {}

  /** The real CRDs, generated from the model into META-INF/crds by the build. */
  static List<CustomResourceDefinition> crds() throws IOException {
    List<CustomResourceDefinition> crds = EmbeddedApiServer.classpathCustomResourceDefinitions();
    if (crds.stream()
        .noneMatch(
            c -> c.getMetadata().getName().equals("virtualmachines.virtualization.deckhouse.io"))) {
      throw new IllegalStateException(
          "no VirtualMachine CRD on the classpath: run the build's process-classes");
    }
    return crds;
  }

  static Path newDataDir(String name) throws IOException {
    Path dir = Path.of("target", "embedded-it", name + "-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The server as a process of its own ({@link EmbeddedApiServerMain}) on {@code dir}, writing
   * {@code dir/kubeconfig}; returned once it prints READY.
   */
  static Process startProcess(Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedApiServerMain.class.getName(),
                "--data-dir",
                dir.toString(),
                "--port",
                "0",
                "--kubeconfig",
                dir.resolve("kubeconfig").toString(),
                "--token-file",
                dir.resolve("token").toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = ProcessLines.collect(p, "api-server-output");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> lines.stream().anyMatch(l -> l.startsWith("READY ")) || !p.isAlive());
      assertThat(p.isAlive()).as(String.join("\n", lines)).isTrue();
    } catch (Throwable t) {
      p.destroyForcibly();
      throw t;
    }
    return p;
  }

  static EmbeddedApiServer start(Path dataDir) throws IOException {
    return EmbeddedApiServer.builder()
        .dataDirectory(dataDir)
        .port(0)
        .token(TOKEN)
        .admission(USER_DATA_LIMIT)
        .customResourceDefinitions(crds())
        .build()
        .start();
  }
}

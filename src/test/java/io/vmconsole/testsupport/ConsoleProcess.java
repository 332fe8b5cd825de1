package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The console started as a process of its own, with the test JVM's class path, for tests that need
 * a second console (another mode, another API server). Stopped by pid.
 */
public final class ConsoleProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path caCertificate;
  private HttpClient http;

  /**
   * Starts the console with these properties ({@code name=value}). With {@code
   * vmconsole.https.self-signed=true} it is reached over HTTPS, trusting only the CA in its data
   * directory's {@code pki/ca.crt}.
   */
  public ConsoleProcess(Path log, String... properties) throws IOException {
    List<String> given = List.of(properties);
    caCertificate =
        given.contains("vmconsole.https.self-signed=true")
            ? given.stream()
                .filter(p -> p.startsWith("vmconsole.data-dir="))
                .findFirst()
                .map(
                    p -> Path.of(p.substring("vmconsole.data-dir=".length())).resolve("pki/ca.crt"))
                .orElseThrow(() -> new IllegalArgumentException("HTTPS needs vmconsole.data-dir"))
            : null;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.vmconsole.Application",
                "--server.port=" + port));
    for (String p : properties) {
      command.add("--" + p);
    }
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "console exited with " + process.exitValue() + "; see " + log);
              }
              try {
                http()
                    .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
              } catch (IOException | GeneralSecurityException e) {
                http = null; // the CA may not have been written yet
                return false;
              }
            });
  }

  public String baseUrl() {
    return (caCertificate == null ? "http" : "https") + "://localhost:" + port;
  }

  /**
   * A client for this console: over HTTPS it trusts the console's CA and nothing else, names
   * verified.
   */
  public HttpClient http() throws IOException, GeneralSecurityException {
    if (http == null) {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .followRedirects(HttpClient.Redirect.NEVER);
      if (caCertificate != null) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
          trust.setCertificateEntry(
              "vm-console", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        b.sslContext(tls);
      }
      http = b.build();
    }
    return http;
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

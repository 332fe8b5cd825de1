package io.vmconsole.nodeagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --tls-cert/--tls-key (PEM) the agent serves HTTPS only (checked on loopback). */
class NodeAgentTlsIT {
  @TempDir Path dir;

  @Test
  void servesHttpsWithPemKeyAndCertificate() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    assertTrue(makeSelfSigned(cert, key), "openssl not available");
    Path token = dir.resolve("token");
    Files.writeString(token, "tls-token");

    try (NodeAgent agent =
        NodeAgent.start(
            new AgentConfig(
                "tls-node", "127.0.0.1", 0, null, token, dir.resolve("state"), cert, key, null))) {
      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(trustAll())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agent.port() + "/v1/healthz"))
              .header("Authorization", "Bearer tls-token")
              .timeout(Duration.ofSeconds(10))
              .build();
      assertEquals(200, https.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());

      HttpRequest plain =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/v1/healthz"))
              .header("Authorization", "Bearer tls-token")
              .timeout(Duration.ofSeconds(5))
              .build();
      assertThrows(
          IOException.class,
          () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static boolean makeSelfSigned(Path cert, Path key) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "ec",
                  "-pkeyopt",
                  "ec_paramgen_curve:prime256v1",
                  "-nodes",
                  "-days",
                  "1",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1",
                  "-keyout",
                  key.toString(),
                  "-out",
                  cert.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The test's certificate is self-signed; trust is not what this test is about. */
  private static SSLContext trustAll() throws Exception {
    TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
    return ctx;
  }
}

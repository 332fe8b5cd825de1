package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.embedded.EmbeddedApiServer;
import io.vmconsole.datadir.DataDirectory;
import io.vmconsole.datadir.OwnerOnly;
import io.vmconsole.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded mode (the default): our own Kubernetes API server on loopback, persisted under the data
 * directory, with a bearer token kept there too, and a kubeconfig written for kubectl.
 */
@Configuration
@ConditionalOnProperty(
    name = "vmconsole.cluster.mode",
    havingValue = "embedded",
    matchIfMissing = true)
class EmbeddedClusterConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedClusterConfiguration.class);
  static final java.util.List<String> DEFAULT_CIDRS =
      java.util.List.of("10.66.10.0/24", "10.66.20.0/24");

  @Bean
  PodEvictions podEvictions() {
    return new PodEvictions();
  }

  /**
   * The console's CA, an owner-only file pair in {@code <data>/pki}: it issues the API's serving
   * certificate, which kubeconfigs trust through it, across restarts.
   */
  @Bean
  CertificateAuthority certificateAuthority(DataDirectory data) throws IOException {
    return CertificateAuthority.loadOrCreate(
        data.resolve("pki"), "vm-console CA", Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  EmbeddedApiServer embeddedApiServer(
      DataDirectory data,
      ClusterProperties cluster,
      Admission admission,
      PodEvictions evictions,
      CertificateAuthority ca)
      throws IOException {
    Path dir = data.resolve("api");
    EmbeddedApiServer server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(cluster.apiPort())
            .token(token(data.resolve("api-token")))
            .admission(admission)
            .evictions(evictions)
            .certificateAuthority(ca)
            .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
            .build()
            .start();
    Path kubeconfig = server.writeKubeconfig(data.resolve("kubeconfig"));
    log.info(
        "Embedded Kubernetes API at {}; kubeconfig: {} (export KUBECONFIG={})",
        server.url(),
        kubeconfig,
        kubeconfig);
    return server;
  }

  @Bean(destroyMethod = "close")
  KubernetesClient embeddedClient(EmbeddedApiServer server, DataDirectory data) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(data.resolve("kubeconfig")));
    KubernetesClient client = KubernetesClients.builder().withConfig(config).build();
    // The seed's examples use addresses of both; a real cluster's ModuleConfig is its admin's
    // business.
    ModuleConfigs.ensureExists(client, DEFAULT_CIDRS);
    return client;
  }

  /** The API token survives restarts, so kubeconfigs handed out keep working. */
  private static String token(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    OwnerOnly.write(file, token);
    return token;
  }
}

package io.vmconsole.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.security.Role;
import io.vmconsole.security.UserAccount;
import io.vmconsole.security.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Base of every integration and browser test: one console with its embedded API server per test JVM
 * (Spring caches the context because every subclass has the same configuration). Tests isolate
 * themselves by namespace and by user, never by a fresh context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vmconsole.data-dir=target/it",
      "vmconsole.security.initial-admin-password=" + ConsoleIntegrationTest.ADMIN_PASSWORD,
      "vmconsole.security.lockout=PT1M",
      "vaadin.launch-browser=false",
      // As behind a TLS proxy (its forwarded headers count from loopback); requests without them
      // are as before.
      "server.forward-headers-strategy=native",
      // Tests leave no QEMU or agent behind; the product keeps them across a console restart.
      "vmconsole.topology.stop-vms-on-shutdown=true",
      // Long enough for a test to see a killed agent's node NotReady before the supervisor restarts
      // it.
      "vmconsole.topology.agent-restart-delay=PT6S",
      // Short enough to watch a Released lease go, long enough to re-take it first.
      "vmconsole.ipam.lease-retention=PT20S",
      "vmconsole.ipam.sweep-interval=PT1S",
      // Short, so a raw WebSocket client sees keep-alive pings within a test.
      "vmconsole.console.ping-interval=PT2S"
    })
public abstract class ConsoleIntegrationTest {
  public static final String ADMIN_PASSWORD = "admin-password-it";
  public static final String PASSWORD = "password-it-1";
  // Short: QEMU's and the agents' unix sockets live under it (<data>/nodes/<node>/vms/<uid>/
  // mig-out.sock must stay under 107 bytes, and a worktree's path is already long).
  static final Path DATA_DIR = Path.of("target/it");

  static {
    // The data directory belongs to this JVM's one console; start it empty.
    deleteRecursively(DATA_DIR);
    // The embedded topology's demo ClusterVirtualImage is made from it.
    GuestImage.ensureBuilt();
  }

  @LocalServerPort protected int port;
  @Autowired protected KubernetesClient client;
  @Autowired protected AgentDirectory agents;
  @Autowired protected UserStore users;
  @Autowired protected PasswordEncoder encoder;

  /** The test console's data directory (as an absolute path). */
  protected static Path dataDir() {
    return DATA_DIR.toAbsolutePath();
  }

  /** kubectl against the test console's embedded API. */
  protected Kubectl kubectl() {
    return new Kubectl(DATA_DIR.resolve("kubeconfig").toAbsolutePath());
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /** A namespace of the test's own, so tests never see each other's objects. */
  protected String newNamespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build())
        .create();
    return name;
  }

  /** A user of the test's own, with {@link #PASSWORD}. */
  protected String newUser(String prefix, Role role, List<String> namespaces) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    users.save(new UserAccount(name, encoder.encode(PASSWORD), role, namespaces));
    return name;
  }

  protected static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

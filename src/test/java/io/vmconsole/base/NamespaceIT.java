package io.vmconsole.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Namespaces made with kubectl's typed command (a protobuf body) against the product's API: the
 * name rule the console's dialog applies is the API server's, and a namespace made there is one the
 * console lists.
 */
class NamespaceIT extends ConsoleIntegrationTest {
  @Autowired NamespaceDirectory namespaces;

  @Test
  void kubectlCreateNamespaceMakesOneTheConsoleListsAndABadNameIsRefusedNamingTheRule()
      throws Exception {
    String name = "typed-" + UUID.randomUUID().toString().substring(0, 6);
    Kubectl.Result created = kubectl().run("create", "namespace", name);
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("namespace/" + name + " created");
    await().atMost(Duration.ofSeconds(10)).until(() -> namespaces.names().contains(name));

    Kubectl.Result bad = kubectl().run("create", "namespace", "Typed_" + name);
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("metadata.name: must be a DNS-1123 label");
    assertThat(client.namespaces().withName("Typed_" + name).get()).isNull();
  }
}

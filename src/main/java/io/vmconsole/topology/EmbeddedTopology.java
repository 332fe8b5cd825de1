package io.vmconsole.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded default topology exist (issue 4 §1): nodes, namespace "default", classes, the
 * demo image in the shared pool, the ModuleConfig. Idempotent: a restarted console changes nothing
 * that is already there (node status and readiness belong to the controller from then on).
 */
public class EmbeddedTopology {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTopology.class);

  private final ClusterResources cluster;
  private final TopologyProperties props;
  private final Path pool;

  public EmbeddedTopology(ClusterResources cluster, TopologyProperties props, Path pool) {
    this.cluster = cluster;
    this.props = props;
    this.pool = pool;
  }

  public void ensure() {
    ResourceAccess nodes = cluster.access(Kind.NODE);
    for (int i = 0; i < props.nodes().size(); i++) {
      String name = props.nodes().get(i);
      if (nodes.get(null, name).isEmpty()) {
        ObjectNode node = DefaultObjects.node(name, i == 0, props.nodeCpu(), props.nodeMemory());
        ObjectNode status = (ObjectNode) node.remove("status");
        ObjectNode created = nodes.create(node);
        created.set("status", status);
        nodes.updateStatus(created);
      }
    }
    ResourceAccess namespaces = cluster.access(Kind.NAMESPACE);
    if (namespaces.get(null, "default").isEmpty()) {
      namespaces.create(DefaultObjects.namespace("default"));
    }
    ResourceAccess classes = cluster.access(Kind.VIRTUAL_MACHINE_CLASS);
    for (ObjectNode vmClass : DefaultObjects.classes()) {
      String name = vmClass.path("metadata").path("name").asText();
      if (classes.get(null, name).isEmpty()) {
        classes.create(vmClass);
      }
    }
    ResourceAccess modules = cluster.access(Kind.MODULE_CONFIG);
    if (modules.get(null, "virtualization").isEmpty()) {
      modules.create(DefaultObjects.moduleConfig());
    }
    ResourceAccess images = cluster.access(Kind.CLUSTER_VIRTUAL_IMAGE);
    ObjectNode demo =
        images
            .get(null, DefaultObjects.DEMO_IMAGE)
            .orElseGet(() -> images.create(DefaultObjects.demoImage()));
    placeDemoImage(demo.path("metadata").path("uid").asText());
  }

  /**
   * The demo image file in the pool, under the image's uid, as the agent's storage layout has it.
   */
  private void placeDemoImage(String uid) {
    Path target = pool.resolve("images").resolve(uid + ".qcow2");
    if (Files.exists(target)) {
      return;
    }
    if (!Files.isRegularFile(props.guestImage())) {
      log.warn(
          "demo guest image {} is missing (scripts/guest-image/build.sh builds it); the "
              + "ClusterVirtualImage demo waits for it",
          props.guestImage());
      return;
    }
    try {
      OwnerOnly.directories(pool.resolve(".tmp"));
      OwnerOnly.directories(target.getParent());
      Path tmp = pool.resolve(".tmp").resolve(uid + ".qcow2");
      Files.copy(props.guestImage(), tmp, StandardCopyOption.REPLACE_EXISTING);
      OwnerOnly.restrict(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      log.info("demo guest image placed in the shared pool as {}", target);
    } catch (IOException e) {
      log.error("cannot place the demo image: {}", e.toString());
    }
  }
}

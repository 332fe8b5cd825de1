package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.disk.StorageClasses;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a VM can live-migrate (the Migratable condition, and the check of Evict/Migrate): a disk in
 * a node's local pool cannot follow the VM to another node — one of its spec or one hot-plugged by an
 * attachment (as its status.blockDeviceRefs lists them). Pure.
 */
public final class Migratability {
  public static final String NOT_MIGRATABLE = "NotMigratable";

  private Migratability() {}

  /**
   * @param disk the VirtualDisk of the VM's namespace by name, empty when unknown
   * @return why the VM cannot migrate, empty when it can
   */
  public static Optional<String> blocker(JsonNode vm, Function<String, Optional<JsonNode>> disk) {
    String node = vm.path("status").path("nodeName").asText(null);
    java.util.List<JsonNode> refs = new java.util.ArrayList<>();
    vm.path("spec").path("blockDeviceRefs").forEach(refs::add);
    vm.path("status").path("blockDeviceRefs").forEach(r -> {
      if (r.path("hotplugged").asBoolean(false)) {
        refs.add(r);
      }
    });
    for (JsonNode ref : refs) {
      if (!ref.path("kind").asText().equals("VirtualDisk")) {
        continue;
      }
      String name = ref.path("name").asText();
      Optional<JsonNode> found = disk.apply(name);
      String storageClass = found.map(d -> d.path("spec").path("persistentVolumeClaim").path("storageClassName")
          .asText(null)).orElse(null);
      if (StorageClasses.isNodeLocal(storageClass)) {
        return Optional.of("disk \"" + name + "\" is in the node-local pool of "
            + (node == null ? "its node" : node));
      }
    }
    return Optional.empty();
  }
}

package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * VirtualImage and ClusterVirtualImage (api.md §7): a data source, and no change after creation.
 */
final class ImageRules implements KindRules {

  private final boolean cluster;

  private ImageRules(boolean cluster) {
    this.cluster = cluster;
  }

  static ImageRules virtualImage() {
    return new ImageRules(false);
  }

  static ImageRules clusterVirtualImage() {
    return new ImageRules(true);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    if (!cluster) {
      Json.defaultText(Json.object(object, "spec"), "storage", "ContainerRegistry");
    }
  }

  @Override
  public void validate(ObjectNode image, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(image.path("metadata"), "name"), 253, errors);
    JsonNode spec = image.path("spec");
    if (!cluster) {
      Json.requireEnum(
          spec,
          "storage",
          "spec.storage",
          false,
          List.of("ContainerRegistry", "PersistentVolumeClaim", "Kubernetes"),
          errors);
    }
    if (!Json.present(spec, "dataSource")) {
      errors.add("spec.dataSource", "is required");
    } else if (cluster) {
      DataSourceRules.validate(
          spec.get("dataSource"),
          List.of("ClusterVirtualImage", "VirtualImage", "VirtualDisk", "VirtualDiskSnapshot"),
          List.of("VirtualImage", "VirtualDisk", "VirtualDiskSnapshot"),
          errors);
    } else {
      DataSourceRules.validate(
          spec.get("dataSource"),
          List.of("ClusterVirtualImage", "VirtualImage", "VirtualDisk", "VirtualDiskSnapshot"),
          List.of(),
          errors);
    }
    Immutability.unchanged(image, old, "spec", errors);
  }
}

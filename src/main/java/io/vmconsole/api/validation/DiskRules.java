package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.disk.StorageClasses;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** VirtualDisk (api.md §6). */
final class DiskRules implements KindRules {

  /** The node agent's cap on a disk's size (node-agent DiskOps.MAX_SIZE). */
  static final BigDecimal MAX_SIZE = BigDecimal.valueOf(64L << 40);

  static final List<String> REF_KINDS =
      List.of("ClusterVirtualImage", "VirtualImage", "VirtualDiskSnapshot");

  @Override
  public void validate(ObjectNode vd, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(vd.path("metadata"), "name"), 253, errors);
    JsonNode spec = vd.path("spec");
    if (Json.present(spec, "dataSource")) {
      DataSourceRules.validate(spec.get("dataSource"), REF_KINDS, List.of(), errors);
    }
    JsonNode size = Json.at(spec, "persistentVolumeClaim.size");
    Optional<BigDecimal> bytes = Quantities.parse(size);
    Optional<String> sizeProblem = size == null ? Optional.empty() : Quantities.sizeProblem(size);
    if (sizeProblem.isPresent()) {
      errors.add("spec.persistentVolumeClaim.size", sizeProblem.get());
    } else if (bytes.isPresent() && bytes.get().compareTo(MAX_SIZE) > 0) {
      errors.add(
          "spec.persistentVolumeClaim.size",
          "must be at most 64Ti, the largest disk a node agent makes (got "
              + Quantities.shown(size)
              + ")");
    } else if (size == null && !Json.present(spec, "dataSource")) {
      errors.add("spec.persistentVolumeClaim.size", "is required for a blank disk (no dataSource)");
    }
    JsonNode storageClass = Json.at(spec, "persistentVolumeClaim.storageClassName");
    if (storageClass != null
        && !storageClass.isNull()
        && !StorageClasses.ALL.contains(storageClass.asText())) {
      errors.add(
          "spec.persistentVolumeClaim.storageClassName",
          "must be one of "
              + String.join(", ", StorageClasses.ALL)
              + " (got "
              + storageClass.asText()
              + ")");
    }
    if (old != null && "Ready".equals(Json.text(old.path("status"), "phase"))) {
      afterReady(spec, old.path("spec"), bytes, errors);
    }
  }

  /** After Ready only the size (grow only) and the storage class may change. */
  private static void afterReady(
      JsonNode spec, JsonNode oldSpec, Optional<BigDecimal> bytes, Errors errors) {
    ObjectNode rest = spec.deepCopy();
    ObjectNode oldRest = oldSpec.deepCopy();
    for (ObjectNode s : List.of(rest, oldRest)) {
      if (s.get("persistentVolumeClaim") instanceof ObjectNode pvc) {
        pvc.remove(List.of("size", "storageClassName"));
        if (pvc.isEmpty()) {
          s.remove("persistentVolumeClaim");
        }
      }
    }
    if (!rest.equals(oldRest)) {
      errors.add(
          "spec",
          "can't change after the disk is Ready, except persistentVolumeClaim.size (grow only) and persistentVolumeClaim.storageClassName");
    }
    // Our pools are directories: nothing moves a disk's data between a node's pool and the shared
    // one.
    boolean local =
        StorageClasses.isNodeLocal(
            Json.text(spec.path("persistentVolumeClaim"), "storageClassName"));
    if (local
        != StorageClasses.isNodeLocal(
            Json.text(oldSpec.path("persistentVolumeClaim"), "storageClassName"))) {
      errors.add(
          "spec.persistentVolumeClaim.storageClassName",
          "can't change between shared and local after the disk is Ready");
    }
    Optional<BigDecimal> oldBytes =
        Quantities.parse(Json.at(oldSpec, "persistentVolumeClaim.size"));
    if (oldBytes.isPresent() && (bytes.isEmpty() || bytes.get().compareTo(oldBytes.get()) < 0)) {
      errors.add(
          "spec.persistentVolumeClaim.size",
          "can only grow after the disk is Ready (was "
              + Json.at(oldSpec, "persistentVolumeClaim.size").asText()
              + ")");
    }
  }
}

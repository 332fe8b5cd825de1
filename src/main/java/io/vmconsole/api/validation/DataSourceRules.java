package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The dataSource shared by disks and images (api.md §6, §7); allowed ref kinds differ per kind. */
final class DataSourceRules {

  static final List<String> TYPES = List.of("HTTP", "ContainerImage", "ObjectRef", "Upload");

  private DataSourceRules() {}

  /**
   * @param refKinds kinds an objectRef may name
   * @param namespacedRefKinds kinds whose objectRef must carry a namespace (ClusterVirtualImage
   *     only)
   */
  static void validate(
      JsonNode ds, List<String> refKinds, List<String> namespacedRefKinds, Errors errors) {
    String type = Json.requireEnum(ds, "type", "spec.dataSource.type", true, TYPES, errors);
    if (type == null) {
      return;
    }
    String expected =
        switch (type) {
          case "HTTP" -> "http";
          case "ContainerImage" -> "containerImage";
          case "ObjectRef" -> "objectRef";
          default -> null;
        };
    for (String field : List.of("http", "containerImage", "objectRef")) {
      if (Json.present(ds, field) && !field.equals(expected)) {
        errors.add("spec.dataSource." + field, "must not be set when type is " + type);
      }
    }
    if (expected != null && !Json.present(ds, expected)) {
      errors.add("spec.dataSource." + expected, "is required when type is " + type);
      return;
    }
    if ("HTTP".equals(type)) {
      String url = Json.requireText(ds.get("http"), "url", "spec.dataSource.http.url", errors);
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        errors.add(
            "spec.dataSource.http.url", "must be an http or https URL (got \"" + url + "\")");
      }
    } else if ("ContainerImage".equals(type)) {
      Json.requireText(
          ds.get("containerImage"), "image", "spec.dataSource.containerImage.image", errors);
    } else if ("ObjectRef".equals(type)) {
      JsonNode ref = ds.get("objectRef");
      String kind =
          Json.requireEnum(ref, "kind", "spec.dataSource.objectRef.kind", true, refKinds, errors);
      Json.requireText(ref, "name", "spec.dataSource.objectRef.name", errors);
      if (kind != null && namespacedRefKinds.contains(kind) && !Json.present(ref, "namespace")) {
        errors.add("spec.dataSource.objectRef.namespace", "is required for kind " + kind);
      }
    }
  }
}

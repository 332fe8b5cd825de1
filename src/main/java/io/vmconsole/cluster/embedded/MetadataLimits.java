package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.admission.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The limits kube-apiserver puts on every object's metadata, whatever its kind: annotations, keys
 * and values together, at most 256 KiB (they are copied into every watch event and list).
 */
final class MetadataLimits {

  static final int MAX_ANNOTATION_BYTES = 256 * 1024;

  private MetadataLimits() {}

  static Optional<FieldError> check(JsonNode object) {
    long total = 0;
    Iterator<Map.Entry<String, JsonNode>> annotations =
        object.path("metadata").path("annotations").fields();
    while (annotations.hasNext()) {
      Map.Entry<String, JsonNode> a = annotations.next();
      total += utf8Length(a.getKey()) + utf8Length(a.getValue().asText());
    }
    if (total > MAX_ANNOTATION_BYTES) {
      return Optional.of(
          new FieldError(
              "metadata.annotations",
              "Too long: must have at most "
                  + MAX_ANNOTATION_BYTES
                  + " bytes (keys and values together; these have "
                  + total
                  + ")"));
    }
    return Optional.empty();
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

package io.vmconsole.api.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import java.util.Optional;

/** A stored VirtualImage or ClusterVirtualImage read through typed accessors. */
public final class ImageObject extends StoredObject {
  private ImageObject(JsonNode json) {
    super(json);
  }

  public static ImageObject of(JsonNode json) {
    return new ImageObject(json);
  }

  /** spec.dataSource.http.url when the source is HTTP; empty for an upload or another source. */
  public Optional<String> httpUrl() {
    JsonNode source = json.path("spec").path("dataSource");
    return source.path("type").asText().equals("HTTP")
        ? Optional.of(source.path("http").path("url").asText())
        : Optional.empty();
  }

  /** status.phase; "Pending" before the controller wrote one. */
  public String phase() {
    String phase = statusText("phase");
    return phase.isEmpty() ? "Pending" : phase;
  }

  public boolean isReady() {
    return "Ready".equals(statusText("phase"));
  }

  /** status.size.unpacked (a quantity); empty until the image is in the pool. */
  public Optional<String> unpackedSize() {
    JsonNode size = json.path("status").path("size").path("unpacked");
    return size.isTextual() ? Optional.of(size.asText()) : Optional.empty();
  }

  /** status.size.unpackedBytes; 0 until the image is in the pool. */
  public long unpackedBytes() {
    return json.path("status").path("size").path("unpackedBytes").asLong(0);
  }

  /** The status as written (every field null before the first write). */
  public ImageStatus status() {
    return statusAs(ImageStatus.class);
  }
}

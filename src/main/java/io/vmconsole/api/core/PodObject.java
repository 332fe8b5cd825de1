package io.vmconsole.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;

/**
 * A stored Pod read through typed accessors (the controller reads only its placeholder pods'
 * metadata).
 */
public final class PodObject extends StoredObject {
  private PodObject(JsonNode json) {
    super(json);
  }

  public static PodObject of(JsonNode json) {
    return new PodObject(json);
  }
}

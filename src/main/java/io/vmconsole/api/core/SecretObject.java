package io.vmconsole.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A stored Secret read through typed accessors; its values are read only by the code that uses
 * them.
 */
public final class SecretObject extends StoredObject {
  private SecretObject(JsonNode json) {
    super(json);
  }

  public static SecretObject of(JsonNode json) {
    return new SecretObject(json);
  }

  /** The Secret's type. */
  public String type() {
    return json.path("type").asText();
  }

  /** The value under key, from data (base64) or stringData; empty when neither has it. */
  public Optional<String> value(String key) {
    JsonNode data = json.path("data").path(key);
    if (data.isTextual()) {
      return Optional.of(
          new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8));
    }
    JsonNode plain = json.path("stringData").path(key);
    return plain.isTextual() ? Optional.of(plain.asText()) : Optional.empty();
  }
}

package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A status as a JSON map (the incoming answer adds the ticket to it). */
final class StatusMaps {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusMaps() {}

  static Map<String, Object> of(MigrationStatus s) {
    return JSON.convertValue(s, new TypeReference<Map<String, Object>>() {});
  }
}

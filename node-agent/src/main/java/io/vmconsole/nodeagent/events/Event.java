package io.vmconsole.nodeagent.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One event of the agent's stream; {@code data} fields are flattened into the JSON object.
 *
 * @param type "state", "guestAgent", "guestInfo", "disk", "reset", "resync"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(long seq, String time, String vmId, String type, Map<String, Object> data) {
  @JsonAnyGetter
  public Map<String, Object> fields() {
    return data;
  }

  /** Hidden from JSON: its fields are flattened by {@link #fields()}. */
  @Override
  @com.fasterxml.jackson.annotation.JsonIgnore
  public Map<String, Object> data() {
    return data;
  }
}

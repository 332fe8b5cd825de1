package io.vmconsole.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Live changes to a running migration on its source; a null field stays as it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationChange(
    Long maxBandwidthBytesPerSecond, Boolean autoConverge, Long downtimeLimitMs) {
  public static final MigrationChange NONE = new MigrationChange(null, null, null);

  public MigrationChange withLimits(long bandwidth, boolean autoConverge) {
    return new MigrationChange(bandwidth, autoConverge, downtimeLimitMs);
  }

  public MigrationChange withDowntimeLimit(long downtimeLimitMs) {
    return new MigrationChange(maxBandwidthBytesPerSecond, autoConverge, downtimeLimitMs);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return equals(NONE);
  }
}

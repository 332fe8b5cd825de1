package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a migration stands, from QEMU's {@code query-migrate}. */
public record Progress(
    long bytesTransferred,
    long bytesRemaining,
    long bytesTotal,
    long iterations,
    long dirtyRateBytesPerSecond,
    long throughputBytesPerSecond) {
  public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0);

  /**
   * {@code dirty-pages-rate} is pages per second and {@code mbps} megabits per second; both become
   * bytes per second. {@code dirty-sync-count} counts the passes over guest memory.
   */
  public static Progress of(JsonNode queryMigrate, Progress previous) {
    JsonNode ram = queryMigrate.path("ram");
    if (ram.isMissingNode()) {
      return previous;
    }
    long pageSize = ram.path("page-size").asLong(4096);
    return new Progress(
        ram.path("transferred").asLong(),
        ram.path("remaining").asLong(),
        ram.path("total").asLong(),
        ram.path("dirty-sync-count").asLong(),
        ram.path("dirty-pages-rate").asLong() * pageSize,
        (long) (ram.path("mbps").asDouble() * 1_000_000 / 8));
  }
}

package io.vmconsole.agent;

/**
 * What the source of a live migration is told: where to send the VM, with the ticket the target
 * gave, and the limits to start with.
 */
public record MigrationSend(
    String migrationId,
    Target target,
    long maxBandwidthBytesPerSecond,
    boolean autoConverge,
    long downtimeLimitMs) {

  /** The target agent: its node, its URL and the one-time ticket it issued. */
  public record Target(String node, String url, String ticket) {}
}

package io.vmconsole.nodeagent.migration;

/** A migration as the API shows it (API.md "Migration — contract"). */
public record MigrationStatus(
    String migrationId,
    String vmId,
    String role,
    String state,
    String reason,
    String sourceNode,
    String targetNode,
    String startedAt,
    String finishedAt,
    Progress progress,
    Long downtimeMs,
    Long totalMs,
    boolean autoConverge,
    long maxBandwidthBytesPerSecond,
    Long downtimeLimitMs) {}

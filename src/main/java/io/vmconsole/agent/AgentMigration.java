package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent says of one live migration (node-agent/API.md "Migration — contract"): its state
 * (Preparing, Waiting, Running, Completing, Succeeded, Failed, Cancelled), why it ended, and QEMU's
 * progress counters. The target's answer to a prepare also carries the one-use {@code ticket}.
 */
public record AgentMigration(
    String migrationId,
    String vmId,
    String role,
    String state,
    String reason,
    long bytesTransferred,
    long bytesRemaining,
    long bytesTotal,
    long iterations,
    long dirtyRateBytesPerSecond,
    long throughputBytesPerSecond,
    Long downtimeMs,
    Long totalMs,
    boolean autoConverge,
    long maxBandwidthBytesPerSecond,
    Long downtimeLimitMs,
    String ticket,
    JsonNode raw) {

  public static AgentMigration of(JsonNode s) {
    JsonNode p = s.path("progress");
    return new AgentMigration(
        s.path("migrationId").asText(),
        s.path("vmId").asText(),
        s.path("role").asText(),
        s.path("state").asText(),
        s.path("reason").asText(null),
        p.path("bytesTransferred").asLong(0),
        p.path("bytesRemaining").asLong(0),
        p.path("bytesTotal").asLong(0),
        p.path("iterations").asLong(0),
        p.path("dirtyRateBytesPerSecond").asLong(0),
        p.path("throughputBytesPerSecond").asLong(0),
        s.path("downtimeMs").isNumber() ? s.path("downtimeMs").asLong() : null,
        s.path("totalMs").isNumber() ? s.path("totalMs").asLong() : null,
        s.path("autoConverge").asBoolean(false),
        s.path("maxBandwidthBytesPerSecond").asLong(0),
        s.path("downtimeLimitMs").isNumber() ? s.path("downtimeLimitMs").asLong() : null,
        s.path("ticket").asText(null),
        s);
  }

  public boolean finished() {
    return state.equals("Succeeded") || state.equals("Failed") || state.equals("Cancelled");
  }
}

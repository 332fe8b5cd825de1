package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads why a VM cannot live-migrate from its {@code Migratable} condition, which the VM reconciler
 * keeps (DESIGN.md, issue 8): drain, the eviction rule and the Nodes page all ask here.
 */
public final class MigrationBlockers {
  private MigrationBlockers() {}

  /** The reason the VM cannot migrate, or null when it can (or nobody has said otherwise yet). */
  public static String blocker(JsonNode vm) {
    for (JsonNode c : vm.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Migratable") && c.path("status").asText().equals("False")) {
        String message = c.path("message").asText("");
        return message.isEmpty() ? c.path("reason").asText("not migratable") : message;
      }
    }
    return null;
  }

  public static boolean isLiveMigration(String operationType) {
    return operationType.equals("Evict") || operationType.equals("Migrate");
  }
}

package io.vmconsole.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audited action: who did what to which object, when.
 *
 * @param time when it happened
 * @param user who did it
 * @param action e.g. {@code console.open}
 * @param target e.g. {@code VirtualMachine team-a/web-1}
 * @param details further facts (console kind, mode, the user taken over from)
 */
public record AuditRecord(
    Instant time, String user, String action, String target, Map<String, String> details) {}

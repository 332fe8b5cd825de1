package io.vmconsole.audit;

import java.util.Locale;

/**
 * What the audit page filters by; a blank filter matches everything.
 *
 * @param user exact user name
 * @param vm part of the target (a VM's name, or namespace/name)
 * @param action prefix of the action, e.g. {@code vmop} or {@code vm.update}
 */
public record AuditQuery(String user, String vm, String action) {

  boolean matches(AuditRecord r) {
    return (blank(user) || user.trim().equals(r.user()))
        && (blank(vm)
            || (r.target() != null
                && r.target()
                    .toLowerCase(Locale.ROOT)
                    .contains(vm.trim().toLowerCase(Locale.ROOT))))
        && (blank(action) || (r.action() != null && r.action().startsWith(action.trim())));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

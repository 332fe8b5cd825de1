package io.vmconsole.audit;

import io.vmconsole.security.Access;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The audit page's reads. An admin sees every record; anyone else sees the records about namespaces
 * they may read, and their own.
 */
@Service
public class AuditService {
  private final AuditLog log;
  private final Access access;

  AuditService(AuditLog log, Access access) {
    this.log = log;
    this.access = access;
  }

  /** Matching records, newest first. */
  @PreAuthorize("@access.isSignedIn()")
  public List<AuditRecord> find(AuditQuery query) {
    String me = access.currentUsername();
    return log.all().stream()
        .filter(query::matches)
        .filter(
            r ->
                access.isAdmin()
                    || me.equals(r.user())
                    || (r.details() != null
                        && r.details().containsKey("namespace")
                        && access.canRead(r.details().get("namespace"))))
        .sorted(Comparator.comparing(AuditRecord::time).reversed())
        .toList();
  }
}

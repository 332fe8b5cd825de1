package io.vmconsole.shell;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.security.Access;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/** The namespaces a user can pick, and creating new ones (admins only). */
public class NamespaceService {
  private final NamespaceDirectory directory;
  private final Access access;

  /** The API server's rules, so the name rule is kept in one place. */
  private final Admission admission;

  public NamespaceService(NamespaceDirectory directory, Access access, Admission admission) {
    this.directory = directory;
    this.access = access;
    this.admission = admission;
  }

  @PreAuthorize("@access.isSignedIn()")
  public List<String> readable() {
    return access.readable(directory.names());
  }

  @PreAuthorize("@access.isAdmin()")
  public void create(String name) {
    String given = name == null ? "" : name;
    ObjectNode ns =
        JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", given);
    List<FieldError> broken =
        admission
            .review(
                new AdmissionRequest(
                    AdmissionRequest.Operation.CREATE,
                    "",
                    "v1",
                    "Namespace",
                    null,
                    given,
                    null,
                    ns,
                    null))
            .errors();
    if (!broken.isEmpty()) {
      throw new InvalidInputException(broken);
    }
    if (directory.names().contains(name)) {
      throw new InvalidInputException("metadata.name", "namespace '" + name + "' already exists");
    }
    directory.create(name);
  }
}

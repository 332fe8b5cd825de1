package io.vmconsole.base;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.validation.ResourceAdmission;
import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.security.Access;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/** The namespaces a user can pick, and creating new ones (admins only). */
public class NamespaceService {
  /** The API server's rules: the name rule is kept in one place. */
  private static final ResourceAdmission RULES = new ResourceAdmission();

  private final NamespaceDirectory directory;
  private final Access access;

  public NamespaceService(NamespaceDirectory directory, Access access) {
    this.directory = directory;
    this.access = access;
  }

  @PreAuthorize("isAuthenticated()")
  public List<String> readable() {
    return access.readable(directory.names());
  }

  @PreAuthorize("@access.isAdmin()")
  public void create(String name) {
    List<FieldError> broken = RULES.validate(
        new NamespaceBuilder().withNewMetadata().withName(name == null ? "" : name).endMetadata().build());
    if (!broken.isEmpty()) {
      throw new InvalidInputException(broken);
    }
    if (directory.names().contains(name)) {
      throw new InvalidInputException("metadata.name", "namespace '" + name + "' already exists");
    }
    directory.create(name);
  }
}

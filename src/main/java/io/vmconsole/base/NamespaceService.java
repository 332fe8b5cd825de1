package io.vmconsole.base;

import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.security.Access;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;

/** The namespaces a user can pick, and creating new ones (admins only). */
public class NamespaceService {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

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
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("metadata.name",
          "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }
    if (directory.names().contains(name)) {
      throw new InvalidInputException("metadata.name", "namespace '" + name + "' already exists");
    }
    directory.create(name);
  }
}

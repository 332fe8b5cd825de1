package io.vmconsole.security;

/** What a user may do; each role includes the rights of the ones below it. */
public enum Role {
  /** Read-only in their namespaces; may watch a serial console; never sees Secret values. */
  VIEWER,
  /** Creates, changes and operates VMs and their objects in their namespaces. */
  OPERATOR,
  /** Everything, in all namespaces, including cluster-scoped kinds and users. */
  ADMIN;

  public static final String ADMIN_NAME = "ADMIN";
  public static final String OPERATOR_NAME = "OPERATOR";
  public static final String VIEWER_NAME = "VIEWER";

  public String authority() {
    return "ROLE_" + name();
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}

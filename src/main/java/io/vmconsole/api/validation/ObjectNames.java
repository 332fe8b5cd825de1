package io.vmconsole.api.validation;

import java.util.regex.Pattern;

/** Kubernetes' rule for object names (a DNS-1123 subdomain), for whoever derives or checks one. */
public final class ObjectNames {
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private ObjectNames() {}

  /** Lower-case letters, digits, '-' and '.', starting and ending alphanumeric, at most 253. */
  public static boolean isValid(String name) {
    return name != null && name.length() <= 253 && DNS1123_SUBDOMAIN.matcher(name).matches();
  }
}

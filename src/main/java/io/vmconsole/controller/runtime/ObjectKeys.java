package io.vmconsole.controller.runtime;

/**
 * Work-queue keys: {@code namespace/name}, or {@code /name} for a cluster-scoped object. The one
 * place that knows the format.
 */
public final class ObjectKeys {
  private ObjectKeys() {}

  public static String of(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** The key's namespace; null for a cluster-scoped object. */
  public static String namespace(String key) {
    String ns = key.substring(0, key.indexOf('/'));
    return ns.isEmpty() ? null : ns;
  }

  public static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}

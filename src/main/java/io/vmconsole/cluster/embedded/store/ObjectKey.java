package io.vmconsole.cluster.embedded.store;

import java.util.Objects;

/**
 * Where an object lives: its kind (API group and plural), its namespace (null for cluster-scoped
 * kinds) and its name. The version is not part of it: a kind's objects are one set whatever version
 * a client asks through.
 */
public record ObjectKey(String group, String plural, String namespace, String name) {

  public ObjectKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(name, "name");
  }

  /**
   * The key the store sorts by: {@code group/plural/[namespace/]name}, so that every object of a
   * kind, and of a kind in one namespace, is one contiguous range ({@link #kindPrefix}, {@link
   * #collectionPrefix}).
   */
  public String sortKey() {
    return collectionPrefix(group, plural, namespace) + name;
  }

  /** The range of every object of a kind, in every namespace. */
  public static String kindPrefix(String group, String plural) {
    return group + "/" + plural + "/";
  }

  /**
   * The range of a kind's objects in one namespace (all of them when {@code namespace} is null).
   */
  public static String collectionPrefix(String group, String plural, String namespace) {
    return kindPrefix(group, plural) + (namespace == null ? "" : namespace + "/");
  }
}

package io.vmconsole.nodeagent.storage;

import java.util.regex.Pattern;

/**
 * Ids that become file names (disk and image uids, job ids). Only a uid-like token is accepted, so
 * no id can name a path ({@code ..}, {@code /}), a hidden file or an option ({@code -x}).
 */
public final class SafeId {
  private static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private SafeId() {}

  public static boolean valid(String id) {
    return id != null && UID.matcher(id).matches();
  }

  /** The id itself, or a 400 naming {@code field}. */
  public static String require(String id, String field) {
    if (id == null || id.isEmpty()) {
      throw StorageError.badRequest(field, field + " is required");
    }
    if (!valid(id)) {
      throw StorageError.badRequest(
          field, field + " must be a uid-like token ([A-Za-z0-9_-], at most 64 characters)");
    }
    return id;
  }
}

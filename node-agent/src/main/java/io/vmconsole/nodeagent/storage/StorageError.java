package io.vmconsole.nodeagent.storage;

/**
 * A refused storage request: the HTTP status and, for a 400, the request field at fault. Thrown
 * before anything is written, so a refusal never leaves a file behind.
 */
public final class StorageError extends RuntimeException {
  private final int status;
  private final String field;

  private StorageError(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static StorageError badRequest(String field, String message) {
    return new StorageError(400, field, message);
  }

  public static StorageError notFound(String message) {
    return new StorageError(404, null, message);
  }

  public static StorageError conflict(String message) {
    return new StorageError(409, null, message);
  }

  public int status() {
    return status;
  }

  /** The request field at fault (dotted, e.g. {@code image.uid}), or null. */
  public String field() {
    return field;
  }
}

package io.vmconsole.nodeagent.storage;

/** What a pool file is: a VM's disk (read-write) or an image (read-only base of disks). */
public enum StorageKind {
  DISK("disks"),
  IMAGE("images");

  private final String dir;

  StorageKind(String dir) {
    this.dir = dir;
  }

  /** For messages: "disk", "image". */
  public String noun() {
    return dir.substring(0, dir.length() - 1);
  }

  /** The pool subdirectory, also the path segment in {@code /v1/storage/<dir>/...}. */
  public String dir() {
    return dir;
  }
}

package io.vmconsole.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;

/**
 * A record lock on a whole disk image, as a second QEMU on the file would hold: every start of a VM
 * with that disk fails with QEMU's "Failed to get … lock". Released on close.
 */
public final class DiskImageLock implements AutoCloseable {
  private final RandomAccessFile file;
  private final FileLock lock;

  private DiskImageLock(RandomAccessFile file, FileLock lock) {
    this.file = file;
    this.lock = lock;
  }

  /** Locks the image of the VirtualDisk with that uid, in the pool of the agent of that node. */
  public static DiskImageLock hold(Guests guests, String node, String diskUid) throws IOException {
    String path =
        guests.agent(node).storageObject("disks", diskUid).orElseThrow().path("path").asText();
    RandomAccessFile file = new RandomAccessFile(path, "rw");
    return new DiskImageLock(file, file.getChannel().lock());
  }

  @Override
  public void close() throws IOException {
    lock.release();
    file.close();
  }
}

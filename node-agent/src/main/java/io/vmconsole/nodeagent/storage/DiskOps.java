package io.vmconsole.nodeagent.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The synchronous pool operations: create, grow, info, delete. Blocking (qemu-img); called on a
 * worker. New files are made in {@code .tmp} and renamed into place, so a crash never leaves a
 * half-made file under a uid.
 */
final class DiskOps {
  /** 64 TiB: far above any disk this product makes, far below where qemu-img sizes overflow. */
  static final long MAX_SIZE = 64L << 40;

  static final long MIN_SIZE = 1L << 20;

  private final Pools pools;
  private final QemuImg qemuImg;

  DiskOps(Pools pools, QemuImg qemuImg) {
    this.pools = pools;
    this.qemuImg = qemuImg;
  }

  static long requireSize(long size, String field) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw StorageError.badRequest(
          field, field + " must be between " + MIN_SIZE + " and " + MAX_SIZE + " bytes");
    }
    return size;
  }

  ImageInfo createBlank(StoragePool pool, String uid, long sizeBytes) {
    return create(pool, uid, tmp -> qemuImg.createBlank(tmp, sizeBytes));
  }

  /**
   * @param overlay true: a qcow2 whose backing file is the image; false: a full qcow2 copy
   * @param sizeBytes grow to this size afterwards, or -1
   */
  ImageInfo createFromImage(
      StoragePool pool, String uid, Pools.PoolFile image, boolean overlay, long sizeBytes) {
    if (sizeBytes >= 0) {
      long imageSize = qemuImg.info(image.path(), image.format()).path("virtual-size").asLong();
      if (sizeBytes < imageSize) {
        throw StorageError.badRequest(
            "sizeBytes", "sizeBytes is smaller than the image (" + imageSize + " bytes)");
      }
    }
    return create(
        pool,
        uid,
        tmp -> {
          if (overlay) {
            qemuImg.createOverlay(tmp, image.path(), image.format());
          } else {
            qemuImg.copy(image.path(), image.format(), tmp);
          }
          if (sizeBytes >= 0) {
            qemuImg.resize(tmp, "qcow2", sizeBytes);
          }
        });
  }

  private ImageInfo create(StoragePool pool, String uid, java.util.function.Consumer<Path> make) {
    pools.claim(StorageKind.DISK, uid);
    Path tmp = pool.tmp().resolve(UUID.randomUUID() + ".qcow2");
    try {
      make.accept(tmp);
      Path target = pools.file(pool, StorageKind.DISK, uid, "qcow2");
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return info(new Pools.PoolFile(pool, StorageKind.DISK, uid, "qcow2", target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
      pools.release(StorageKind.DISK, uid);
    }
  }

  /** Grow only: QEMU can shrink, but that cuts off the guest's data. */
  ImageInfo grow(String uid, long sizeBytes) {
    pools.hold(StorageKind.DISK, uid);
    try {
      Pools.PoolFile disk = pools.require(StorageKind.DISK, uid);
      if (disk.format().equals("iso")) {
        throw StorageError.badRequest("uid", "an ISO cannot be resized");
      }
      ImageInfo now = info(disk);
      if (sizeBytes < now.virtualSize()) {
        throw StorageError.badRequest(
            "sizeBytes",
            "sizeBytes " + sizeBytes + " would shrink the disk (now " + now.virtualSize() + ")");
      }
      if (sizeBytes == now.virtualSize()) {
        return now;
      }
      // A running VM's disk is grown through QMP block_resize by the VM code, not here.
      String held = holder(disk);
      if (held != null) {
        throw StorageError.conflict("disk " + uid + " is in use by a VM: " + held);
      }
      qemuImg.resize(disk.path(), disk.format(), sizeBytes);
      return info(disk);
    } finally {
      pools.release(StorageKind.DISK, uid);
    }
  }

  ImageInfo info(Pools.PoolFile file) {
    return ImageInfo.of(file, qemuImg.info(file.path(), file.format()));
  }

  /**
   * Refused (409) while any QEMU has the file open. The file is first renamed into {@code .tmp},
   * and the lock checked on the renamed file: a VM that opened it before keeps its lock on the same
   * inode, and none can open it after, so there is no window between check and unlink.
   */
  void delete(StorageKind kind, String uid) {
    pools.hold(kind, uid);
    try {
      Pools.PoolFile file = pools.require(kind, uid);
      if (kind == StorageKind.IMAGE) {
        // A stopped VM's overlay holds no lock, yet deleting its base would destroy its disk.
        var users = BackingFiles.dependents(pools, file.path());
        if (!users.isEmpty()) {
          throw StorageError.conflict("image " + uid + " is the backing file of disks " + users);
        }
      }
      Path parked = file.pool().tmp().resolve(UUID.randomUUID() + ".deleting");
      Files.move(file.path(), parked, StandardCopyOption.ATOMIC_MOVE);
      String held;
      try {
        held = holder(new Pools.PoolFile(file.pool(), kind, uid, file.format(), parked));
      } catch (RuntimeException e) {
        // Undecided is not deletable: put the file back where VMs look for it.
        Files.move(parked, file.path(), StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      if (held != null) {
        Files.move(parked, file.path(), StandardCopyOption.ATOMIC_MOVE);
        throw StorageError.conflict(kind.noun() + " " + uid + " is in use: " + held);
      }
      Files.delete(parked);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pools.release(kind, uid);
    }
  }

  /** QEMU's lock bytes show any opener; qemu-img (no -U) confirms writers. Null when free. */
  private String holder(Pools.PoolFile file) {
    String held = ImageLock.holder(file.path());
    return held != null ? held : qemuImg.lockConflict(file.path(), file.format());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Leftovers in .tmp are never read as pool files; nothing else to do.
    }
  }
}

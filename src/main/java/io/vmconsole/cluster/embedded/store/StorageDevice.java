package io.vmconsole.cluster.embedded.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file operations the store makes, and nothing else: so that a test can stand a device in for
 * the disk that loses, at a "crash", every byte not yet forced ({@code CrashableDevice}), and check
 * that nothing acknowledged was among them.
 */
public interface StorageDevice {

  /** The real file system, files owner-only (they hold Secrets). */
  StorageDevice DISK = new DiskDevice();

  /** A file written only at its end. */
  interface AppendFile extends Closeable {
    /** Writes every remaining byte of {@code bytes}. */
    void write(ByteBuffer bytes) throws IOException;

    /** Returns once every byte written so far is on stable storage (fdatasync). */
    void force() throws IOException;

    long size() throws IOException;
  }

  /** Opens {@code file} for appending, creating it (owner-only) if missing. */
  AppendFile append(Path file) throws IOException;

  byte[] read(Path file) throws IOException;

  /** Cuts a file to {@code size} bytes and forces the cut. */
  void truncate(Path file, long size) throws IOException;

  /** Replaces {@code to} by {@code from} in one step. */
  void rename(Path from, Path to) throws IOException;

  void delete(Path file) throws IOException;

  /** Makes the directory's entries (files created, renamed, deleted) durable. */
  void syncDirectory(Path directory) throws IOException;
}

package io.vmconsole.topology;

import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One node's agent process: its files under {@code <data>/nodes/<node>/} (token, port, pid, state,
 * log), how to find a running one (pid file + a command line naming this node's state dir, so a
 * reused pid is never taken for the agent) and how to start one in its own session, so it outlives
 * the console.
 */
final class AgentProcess {
  private final String node;
  private final Path dir;
  private final Path pool;
  private final Path jar;

  AgentProcess(String node, Path nodesDir, Path pool, Path jar) {
    this.node = node;
    this.dir = nodesDir.resolve(node);
    this.pool = pool;
    this.jar = jar;
  }

  String node() {
    return node;
  }

  /**
   * The agent's state dir is the node's dir itself: QEMU's unix sockets live under {@code
   * <state>/vms/<uid>/}, and a socket path must stay under 108 bytes.
   */
  Path stateDir() {
    return dir;
  }

  /**
   * The node's own pool (storage class "local"): disks there are seen by this node's agent only.
   */
  Path localPool() {
    return dir.resolve("local-pool");
  }

  /** The running agent of this node, if there is one. */
  Optional<ProcessHandle> running() {
    try {
      Path pidFile = dir.resolve("agent.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info()
                      .commandLine()
                      .map(c -> c.contains("--state-dir " + stateDir() + " "))
                      .orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Starts the agent and waits until it listens. */
  ProcessHandle start(Duration timeout) throws IOException {
    OwnerOnly.directories(stateDir());
    OwnerOnly.directories(pool);
    OwnerOnly.directories(localPool());
    Path portFile = dir.resolve("agent.port");
    Files.deleteIfExists(portFile);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // setsid: the agent (and the QEMUs it daemonizes) must not share the console's process group,
    // or a Ctrl-C on the console would take them down too. umask 077: whatever the agent and its
    // QEMUs
    // create (disk images, cloud-init seeds, serial logs, sockets) is its owner's alone.
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                "sh",
                "-c",
                "umask 077 && exec \"$@\"",
                "sh",
                "setsid",
                java,
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--node-name",
                node,
                "--listen",
                "127.0.0.1:0",
                "--port-file",
                portFile.toString(),
                "--token-file",
                tokenFile().toString(),
                "--state-dir",
                stateDir().toString(),
                "--shared-pool",
                pool.toString(),
                "--local-pool",
                localPool().toString()));
    Path log = OwnerOnly.existing(dir.resolve("agent.log"));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    OwnerOnly.write(dir.resolve("agent.pid"), process.pid() + "\n");
    Instant deadline = Instant.now().plus(timeout);
    while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
      if (!process.isAlive()) {
        throw new IOException(
            "node agent of "
                + node
                + " exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("agent.log"));
      }
      if (Instant.now().isAfter(deadline)) {
        process.destroy();
        throw new IOException("node agent of " + node + " did not listen within " + timeout);
      }
      waitBriefly();
    }
    return process.toHandle();
  }

  int port() {
    try {
      return Integer.parseInt(Files.readString(dir.resolve("agent.port")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The token, created once and kept, so a re-adopted agent and a new console agree. */
  String token() {
    try {
      return Files.readString(tokenFile(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path tokenFile() throws UncheckedIOException {
    Path file = dir.resolve("agent-token");
    try {
      if (!Files.exists(file)) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        OwnerOnly.write(file, HexFormat.of().formatHex(bytes));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

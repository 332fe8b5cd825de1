package io.vmconsole.nodeagent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vmconsole.nodeagent.api.ApiServer;
import io.vmconsole.nodeagent.api.BearerAuth;
import io.vmconsole.nodeagent.api.Capabilities;
import io.vmconsole.nodeagent.api.ConsoleRoutes;
import io.vmconsole.nodeagent.api.EventRoutes;
import io.vmconsole.nodeagent.api.Route;
import io.vmconsole.nodeagent.api.SystemRoutes;
import io.vmconsole.nodeagent.api.VmRoutes;
import io.vmconsole.nodeagent.events.EventLog;
import io.vmconsole.nodeagent.events.StorageJobEvents;
import io.vmconsole.nodeagent.migration.MigrationRegistry;
import io.vmconsole.nodeagent.migration.MigrationRoutes;
import io.vmconsole.nodeagent.qemu.Accelerator;
import io.vmconsole.nodeagent.qemu.AcceleratorProbe;
import io.vmconsole.nodeagent.qemu.CpuCgroup;
import io.vmconsole.nodeagent.qemu.CpuQuotaProbe;
import io.vmconsole.nodeagent.qemu.HostFacts;
import io.vmconsole.nodeagent.qemu.QemuInfo;
import io.vmconsole.nodeagent.spec.DiskPaths;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.storage.StorageRoutes;
import io.vmconsole.nodeagent.vm.VmSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * A running agent: host probes done, HTTP server bound. Wiring only; the logic lives in packages.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
  private static final Path CGROUP_CPU = Path.of("/sys/fs/cgroup/cpu");
  private static final int EVENTS_KEPT = 10_000;

  private final Vertx vertx;
  private final HttpServer server;
  private final VmSupervisor vms;

  private final MigrationRoutes migrations;

  private NodeAgent(Vertx vertx, HttpServer server, VmSupervisor vms, MigrationRoutes migrations) {
    this.migrations = migrations;
    this.vertx = vertx;
    this.server = server;
    this.vms = vms;
  }

  /** Blocks until the server listens (and the port file, if asked for, is written). */
  public static NodeAgent start(AgentConfig config) {
    String token = readToken(config.tokenFile());
    try {
      Files.createDirectories(config.stateDir());
    } catch (IOException e) {
      throw new ConfigException("cannot create --state-dir " + config.stateDir() + ": " + e);
    }

    QemuInfo qemu = QemuInfo.detect(config.qemuBinary());
    Accelerator accelerator =
        new AcceleratorProbe(qemu, HostFacts.read(), config.stateDir()).choose();
    boolean cpuQuota = CpuQuotaProbe.cgroupV1CpuWritable(CGROUP_CPU);
    LOG.info(
        "node "
            + config.nodeName()
            + ": QEMU "
            + qemu.version()
            + ", accelerator "
            + accelerator.chosen()
            + " ("
            + accelerator.reason()
            + "), cgroup cpu quota "
            + cpuQuota);

    EventLog events = new EventLog(EVENTS_KEPT, Clock.systemUTC());
    var storage =
        StorageRoutes.create(
            config.sharedPool(),
            config.localPool(),
            config.stateDir(),
            new StorageJobEvents(events));
    VmSupervisor vms =
        VmSupervisor.open(
            config.stateDir(),
            config.qemuBinary(),
            accelerator.chosen(),
            new CpuCgroup(CGROUP_CPU, cpuQuota),
            events);
    // Disk files may come from the storage pools and from any extra --pool directory.
    List<Path> diskRoots = new ArrayList<>(config.pools());
    storage.service().pools().all().forEach(pool -> diskRoots.add(pool.path()));
    SpecParser parser = new SpecParser(new DiskPaths(diskRoots));
    List<Route> vmCalls = new ArrayList<>();
    vmCalls.addAll(new VmRoutes(vms, parser).routes());
    vmCalls.addAll(new ConsoleRoutes(vms).routes());
    vmCalls.addAll(new EventRoutes(events).routes());
    vmCalls.addAll(storage.routes());
    Vertx vertx = Vertx.vertx();
    MigrationRegistry migrations = new MigrationRegistry(events, Clock.systemUTC());
    MigrationRoutes migrationRoutes =
        new MigrationRoutes(migrations, vms.migrationHooks(), parser, vertx, config.nodeName());
    vmCalls.addAll(migrationRoutes.routes());
    var routes =
        SystemRoutes.plus(
            vmCalls,
            calls ->
                new Capabilities(
                    SystemRoutes.API_VERSION,
                    AgentVersion.current(),
                    config.nodeName(),
                    accelerator,
                    new Capabilities.Qemu(qemu.version()),
                    cpuQuota,
                    calls,
                    storage.capabilities()),
            config.nodeName());

    // Migration streams come from other agents unmasked (see OutgoingMigration), in frames of up to
    // 1 MiB (OutgoingPump: few large frames cost the relay far less than many small ones). A fixed
    // receive buffer: Linux grows it to tens of MiB, which a migration stream fills whenever the
    // incoming QEMU loads slower than the source sends, and QEMU takes buffered bytes as arrived.
    HttpServerOptions options =
        new HttpServerOptions()
            .setAcceptUnmaskedFrames(true)
            .setMaxWebSocketFrameSize(MigrationRoutes.MAX_FRAME)
            .setMaxWebSocketMessageSize(MigrationRoutes.MAX_FRAME)
            .setReceiveBufferSize(MigrationRoutes.RECEIVE_BUFFER);
    if (config.tls()) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(config.tlsCert().toString())
                  .setKeyPath(config.tlsKey().toString()));
    }
    HttpServer server;
    try {
      server =
          new ApiServer(new BearerAuth(token, migrations), routes)
              .listen(vertx, options, config.listenHost(), config.listenPort())
              .get();
    } catch (ExecutionException e) {
      migrationRoutes.close();
      vms.close();
      vertx.close();
      throw new ConfigException(
          "cannot listen on "
              + config.listenHost()
              + ":"
              + config.listenPort()
              + ": "
              + e.getCause().getMessage());
    } catch (InterruptedException e) {
      migrationRoutes.close();
      vms.close();
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
    NodeAgent agent = new NodeAgent(vertx, server, vms, migrationRoutes);
    if (config.portFile() != null) {
      writeAtomically(config.portFile(), server.actualPort() + "\n");
    }
    LOG.info(
        "listening on "
            + (config.tls() ? "https://" : "http://")
            + config.listenHost()
            + ":"
            + server.actualPort());
    return agent;
  }

  public int port() {
    return server.actualPort();
  }

  /** Closes the server and the agent's connections; QEMU processes keep running (by design). */
  @Override
  public void close() {
    migrations.close();
    vms.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      LOG.warning("closing Vert.x failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readToken(Path tokenFile) {
    try {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new ConfigException("--token-file " + tokenFile + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new ConfigException("cannot read --token-file " + tokenFile + ": " + e.getMessage());
    }
  }

  /** Readers (tests, the console's launcher) poll for the file: they must never see half of it. */
  private static void writeAtomically(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write port file " + file, e);
    }
  }
}

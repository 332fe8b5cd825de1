package io.vmconsole.nodeagent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up settings. Every instance is valid: the constructor refuses plain HTTP on a non-loopback
 * address, so no code path can start an unencrypted agent reachable from other hosts.
 *
 * @param listenPort 0 picks a free port; the chosen one is written to {@code portFile}
 * @param pools directories disk files may come from ({@code --pool}, repeatable); a spec naming a
 *     file elsewhere is refused
 */
public record AgentConfig(
    String nodeName,
    String listenHost,
    int listenPort,
    Path portFile,
    Path tokenFile,
    Path stateDir,
    Path tlsCert,
    Path tlsKey,
    String qemuBinary,
    List<Path> pools,
    Path sharedPool,
    Path localPool) {

  static final String DEFAULT_LISTEN = "127.0.0.1:7780";
  static final String DEFAULT_QEMU = "qemu-system-x86_64";

  /** Options, each also settable as env {@code NODE_AGENT_<NAME>} (e.g. NODE_AGENT_TOKEN_FILE). */
  static final List<String> OPTIONS =
      List.of(
          "node-name",
          "listen",
          "port-file",
          "token-file",
          "state-dir",
          "tls-cert",
          "tls-key",
          "qemu",
          "pool",
          "shared-pool",
          "local-pool");

  /**
   * With extra disk roots but without storage pool options (shared pool: {@code
   * <state-dir>/shared-pool}).
   */
  public AgentConfig(
      String nodeName,
      String listenHost,
      int listenPort,
      Path portFile,
      Path tokenFile,
      Path stateDir,
      Path tlsCert,
      Path tlsKey,
      String qemuBinary,
      List<Path> pools) {
    this(
        nodeName,
        listenHost,
        listenPort,
        portFile,
        tokenFile,
        stateDir,
        tlsCert,
        tlsKey,
        qemuBinary,
        pools,
        null,
        null);
  }

  /** With storage pools but no extra disk roots. */
  public AgentConfig(
      String nodeName,
      String listenHost,
      int listenPort,
      Path portFile,
      Path tokenFile,
      Path stateDir,
      Path tlsCert,
      Path tlsKey,
      String qemuBinary,
      Path sharedPool,
      Path localPool) {
    this(
        nodeName,
        listenHost,
        listenPort,
        portFile,
        tokenFile,
        stateDir,
        tlsCert,
        tlsKey,
        qemuBinary,
        List.of(),
        sharedPool,
        localPool);
  }

  /** Without storage pools: the shared pool then defaults to {@code <state-dir>/shared-pool}. */
  public AgentConfig(
      String nodeName,
      String listenHost,
      int listenPort,
      Path portFile,
      Path tokenFile,
      Path stateDir,
      Path tlsCert,
      Path tlsKey,
      String qemuBinary) {
    this(
        nodeName,
        listenHost,
        listenPort,
        portFile,
        tokenFile,
        stateDir,
        tlsCert,
        tlsKey,
        qemuBinary,
        List.of(),
        null,
        null);
  }

  public AgentConfig {
    pools = pools == null ? List.of() : List.copyOf(pools);
    if (nodeName == null || nodeName.isBlank()) {
      throw new ConfigException("--node-name is required");
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new ConfigException("--listen port out of range: " + listenPort);
    }
    if (tokenFile == null) {
      throw new ConfigException("--token-file is required (every call needs the bearer token)");
    }
    if (stateDir == null) {
      throw new ConfigException("--state-dir is required");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ConfigException("--tls-cert and --tls-key go together");
    }
    if (tlsCert == null && !isLoopback(listenHost)) {
      throw new ConfigException(
          "refusing plain HTTP on non-loopback address "
              + listenHost
              + ": give --tls-cert and --tls-key (PEM) or listen on 127.0.0.1");
    }
    if (qemuBinary == null || qemuBinary.isBlank()) {
      qemuBinary = DEFAULT_QEMU;
    }
    pools = pools == null ? List.of() : List.copyOf(pools);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /**
   * Parses {@code --name value} / {@code --name=value} arguments, falling back to the environment.
   */
  public static AgentConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> opts = new HashMap<>();
    List<Path> pools = new ArrayList<>();
    for (String name : OPTIONS) {
      String value = env.get("NODE_AGENT_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (value != null && !value.isBlank()) {
        opts.put(name, value);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("missing value for --" + name);
      }
      if (!OPTIONS.contains(name)) {
        throw new ConfigException("unknown option --" + name);
      }
      if (name.equals("pool")) {
        pools.add(Path.of(value));
      } else {
        opts.put(name, value);
      }
    }
    if (pools.isEmpty() && opts.containsKey("pool")) {
      // The environment form is one variable: a ':'-separated list, like PATH.
      for (String p : opts.get("pool").split(":")) {
        if (!p.isBlank()) {
          pools.add(Path.of(p));
        }
      }
    }
    String listen = opts.getOrDefault("listen", DEFAULT_LISTEN);
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException("--listen must be HOST:PORT, got " + listen);
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException("--listen port is not a number: " + listen);
    }
    return new AgentConfig(
        opts.getOrDefault("node-name", defaultNodeName(env)),
        host,
        port,
        path(opts.get("port-file")),
        path(opts.get("token-file")),
        path(opts.get("state-dir")),
        path(opts.get("tls-cert")),
        path(opts.get("tls-key")),
        opts.get("qemu"),
        pools,
        path(opts.get("shared-pool")),
        path(opts.get("local-pool")));
  }

  static boolean isLoopback(String host) {
    try {
      // Every address the name resolves to must be loopback; "localhost" mapped elsewhere is not.
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      throw new ConfigException("cannot resolve listen address " + host);
    }
  }

  private static String defaultNodeName(Map<String, String> env) {
    String h = env.get("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Path path(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }
}

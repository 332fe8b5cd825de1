package io.vmconsole.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a kubectl against a kubeconfig, with a discovery cache of its own: the one on PATH, or
 * Debian 12's own (1.20, {@link DebianKubectl}), the one the README's commands install on a fresh
 * machine.
 */
public final class Kubectl {

  /** Which kubectl a test runs. */
  public enum Flavour {
    /** The machine's {@code kubectl} on PATH. */
    PATH,
    /** Debian 12's {@code kubernetes-client} (1.20.2), from a cache directory. */
    DEBIAN;

    /**
     * The one tests that are not about kubectl itself use: {@code
     * -Dvmconsole.test.kubectl=path|debian}, Debian's by default, as the one a fresh machine has
     * (the kubectl tests run every case with both).
     */
    public static Flavour configured() {
      return valueOf(
          System.getProperty("vmconsole.test.kubectl", "debian")
              .toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** A finished kubectl run. */
  public record Result(int exit, String out, String err) {}

  private static final Pattern MINOR = Pattern.compile("Minor:\"(\\d+)|\"minor\":\\s*\"(\\d+)");

  private final Path kubeconfig;
  private final Flavour flavour;
  private final String binary;

  /** The configured flavour ({@link Flavour#configured()}). */
  public Kubectl(Path kubeconfig) {
    this(kubeconfig, Flavour.configured());
  }

  public Kubectl(Path kubeconfig, Flavour flavour) {
    this.kubeconfig = kubeconfig;
    this.flavour = flavour;
    this.binary = flavour == Flavour.DEBIAN ? DebianKubectl.binary().toString() : "kubectl";
  }

  public Flavour flavour() {
    return flavour;
  }

  public ProcessBuilder builder(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary,
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir().toString(),
                "--request-timeout",
                "20s"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  /**
   * kubectl's discovery cache, one per kubeconfig and kubectl, kept out of the console's data
   * directory (whose files are all checked to be the console's, owner-only).
   */
  private Path cacheDir() {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "kube-cache",
        flavour.name().toLowerCase()
            + "-"
            + Integer.toHexString(kubeconfig.toAbsolutePath().toString().hashCode()));
  }

  /** The client's minor version (20 for Debian 12's). */
  public int minorVersion() throws IOException, InterruptedException {
    Result r = run("version", "--client", "-o", "json");
    Matcher m = MINOR.matcher(r.out());
    if (!m.find()) {
      throw new IllegalStateException("no version in: " + r.out() + r.err());
    }
    return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  public Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    Process p = builder(args).start();
    try {
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      var out = p.getInputStream().readAllBytes();
      var err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("kubectl did not finish: " + String.join(" ", args));
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}

package io.vmconsole.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs /usr/bin/kubectl against a kubeconfig, with its discovery cache kept beside it. */
public final class Kubectl {

  /** A finished kubectl run. */
  public record Result(int exit, String out, String err) {}

  private final Path kubeconfig;

  public Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  public ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", kubeconfig.resolveSibling("kube-cache").toString(), "--request-timeout", "20s"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  public Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
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
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}

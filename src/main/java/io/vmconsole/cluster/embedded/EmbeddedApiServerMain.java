package io.vmconsole.cluster.embedded;

import io.vmconsole.datadir.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded API server as a process of its own: {@code --data-dir DIR [--port N]
 * [--kubeconfig FILE] [--token-file FILE]}. The token is read from the token file, or generated and
 * written there (mode 600) when the file does not exist yet. Prints {@code READY <url>} once it
 * serves requests; stops on SIGTERM.
 */
public final class EmbeddedApiServerMain {

  private EmbeddedApiServerMain() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = null;
    Path kubeconfig = null;
    Path tokenFile = null;
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--kubeconfig" -> kubeconfig = Path.of(value);
        case "--token-file" -> tokenFile = Path.of(value);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (use --data-dir, --port, --kubeconfig, --token-file)");
      }
      i++;
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    if (tokenFile == null) {
      tokenFile = dataDir.resolve("token");
    }
    EmbeddedApiServer server =
        EmbeddedApiServer.builder()
            .dataDirectory(dataDir)
            .port(port)
            .token(token(tokenFile))
            .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
            .build()
            .start();
    if (kubeconfig != null) {
      server.writeKubeconfig(kubeconfig);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                }));
    System.out.println("READY " + server.url());
    System.out.flush();
    stopped.await();
  }

  private static String token(Path file) throws Exception {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    OwnerOnly.write(file, token);
    return token;
  }
}

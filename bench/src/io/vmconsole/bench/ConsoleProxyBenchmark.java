package io.vmconsole.bench;

import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.Application;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.security.Role;
import io.vmconsole.security.UserAccount;
import io.vmconsole.security.UserStore;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Console proxies vs the bare QEMU sockets: serial keystroke echo (p50/p99; goal ratio ≤ 1.5 and
 * p50 < 5 ms) and VNC full-frame throughput (goal ≥ 0.9 of direct). The proxied path is
 * browser-less (a WebSocket with a real session) through console → agent → QEMU; the direct path is
 * a second, bare QEMU of the same image on its own unix sockets. Both guests sit at getty's {@code
 * login:}, which echoes what is typed. The serial ratio uses {@link BlockingWebSocketStream}, a
 * client that reads on the measuring thread as the direct one does, and alternates blocks of keys
 * between the two paths; java.net.http and agent-only figures are printed beside. Run: {@code
 * EXTRA_PROFILES=production bench/run.sh ConsoleProxyBenchmark} (the login page needs the
 * production bundle).
 */
public final class ConsoleProxyBenchmark {
  private static final int KEYS = 300;
  private static final long VNC_NANOS = 8_000_000_000L;

  public static void main(String[] args) throws Exception {
    // Short: QEMU's unix socket paths under the agents' state dirs must stay below 108 bytes.
    Path data = Files.createTempDirectory(Path.of("/tmp"), "vcb");
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(Application.class)
            // Arguments, not default properties: application.properties would win over the latter.
            .run(
                "--server.port=0",
                "--vmconsole.data-dir=" + data,
                "--vmconsole.security.initial-admin-password=bench-admin",
                "--vaadin.launch-browser=false",
                "--vmconsole.topology.stop-vms-on-shutdown=true");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    String base = "http://localhost:" + port;
    BootedVm vm = null;
    BareQemu bare = null;
    try {
      KubernetesClient client = app.getBean(KubernetesClient.class);
      client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("bench")
                  .endMetadata()
                  .build())
          .create();
      app.getBean(UserStore.class)
          .save(
              new UserAccount(
                  "bench-op",
                  app.getBean(PasswordEncoder.class).encode("bench-pass"),
                  Role.OPERATOR,
                  List.of("bench")));
      vm = BootedVm.boot(client, app.getBean(AgentDirectory.class), "bench", "bench-vm");
      bare = BareQemu.start(data.resolve("bare"));
      String cookie = sessionCookie(base);
      ProxyStream serial =
          ProxyStream.open(port, "/console-ws/serial/bench/bench-vm?mode=interactive", cookie);
      serial.awaitText("login:");
      long[] proxiedJdk = SerialEcho.measure(serial, KEYS);
      serial.close();
      AgentEndpoint agent = app.getBean(AgentDirectory.class).endpoint(vm.nodeName()).orElseThrow();
      BlockingWebSocketStream agentOnly =
          BlockingWebSocketStream.open(
              URI.create(
                  agent.baseUrl().toString().replaceFirst("^http", "ws")
                      + "/v1/vms/"
                      + vm.vmId()
                      + "/serial?mode=interactive&user=bench&takeOver=true"),
              Map.of("Authorization", "Bearer " + agent.token()));
      long[] viaAgent = SerialEcho.measure(agentOnly, KEYS);
      agentOnly.close();
      BlockingWebSocketStream proxiedStream =
          BlockingWebSocketStream.open(
              URI.create(
                  "ws://localhost:"
                      + port
                      + "/console-ws/serial/bench/bench-vm?mode=interactive&takeOver=true"),
              Map.of("Cookie", cookie, "Origin", base));
      SocketChannel direct = bare.serial();
      long[][] echoes =
          SerialEcho.alternating(proxiedStream, new DirectStream(direct), KEYS * 2, 25);
      proxiedStream.close();
      direct.close();
      SerialEcho.printPath("console+agent, java.net.http client", proxiedJdk);
      SerialEcho.printPath("agent alone, blocking client", viaAgent);
      SerialEcho.print(echoes[0], echoes[1]);

      ProxyStream vnc =
          ProxyStream.open(port, "/console-ws/vnc/bench/bench-vm?mode=interactive", cookie);
      double viaConsole = VncThroughput.measure(vnc, VNC_NANOS);
      vnc.close();
      SocketChannel vncDirect = SocketChannel.open(StandardProtocolFamily.UNIX);
      vncDirect.connect(UnixDomainSocketAddress.of(bare.dir().resolve("vnc.sock")));
      double direct2 = VncThroughput.measure(new DirectStream(vncDirect), VNC_NANOS);
      vncDirect.close();
      System.out.printf(
          "VNC full frames: console+agent %.1f MB/s, direct %.1f MB/s, ratio %.2f (goal >= 0.9)%n",
          viaConsole / 1e6, direct2 / 1e6, viaConsole / direct2);
    } finally {
      if (vm != null) {
        vm.delete();
      }
      if (bare != null) {
        bare.stop();
      }
      app.close();
      System.exit(0);
    }
  }

  private static String sessionCookie(String base) {
    Page page = Browsers.chromium().newContext().newPage();
    Browsers.logIn(page, base, "bench-op", "bench-pass");
    String cookie =
        page.context().cookies().stream()
            .filter(c -> c.name.equals("JSESSIONID"))
            .map(c -> c.name + "=" + c.value)
            .findFirst()
            .orElseThrow();
    page.context().close();
    return cookie;
  }
}

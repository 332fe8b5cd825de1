package io.vmconsole.nodeagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigTest {
  private static final String[] BASE = {
    "--node-name", "n1", "--token-file", "/t", "--state-dir", "/s"
  };

  private static String[] with(String... more) {
    String[] all = new String[BASE.length + more.length];
    System.arraycopy(BASE, 0, all, 0, BASE.length);
    System.arraycopy(more, 0, all, BASE.length, more.length);
    return all;
  }

  @Test
  void defaultsToLoopbackPlainHttp() {
    AgentConfig c = AgentConfig.parse(BASE, Map.of());
    assertEquals("127.0.0.1", c.listenHost());
    assertEquals(7780, c.listenPort());
    assertFalse(c.tls());
    assertEquals("qemu-system-x86_64", c.qemuBinary());
  }

  @Test
  void parsesListenPortZeroAndPortFile() {
    AgentConfig c = AgentConfig.parse(with("--listen=127.0.0.1:0", "--port-file", "/p"), Map.of());
    assertEquals(0, c.listenPort());
    assertEquals(Path.of("/p"), c.portFile());
  }

  @Test
  void ipv6LoopbackInBrackets() {
    AgentConfig c = AgentConfig.parse(with("--listen", "[::1]:9000"), Map.of());
    assertEquals("::1", c.listenHost());
    assertEquals(9000, c.listenPort());
  }

  @Test
  void environmentFillsWhatArgumentsLeaveOut() {
    AgentConfig c =
        AgentConfig.parse(
            new String[] {"--node-name", "from-arg"},
            Map.of(
                "NODE_AGENT_NODE_NAME", "from-env",
                "NODE_AGENT_TOKEN_FILE", "/env/token",
                "NODE_AGENT_STATE_DIR", "/env/state"));
    assertEquals("from-arg", c.nodeName());
    assertEquals(Path.of("/env/token"), c.tokenFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0:7780", "10.1.2.3:7780", "[::]:7780"})
  void refusesPlainHttpOffLoopback(String listen) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> AgentConfig.parse(with("--listen", listen), Map.of()));
    assertTrue(e.getMessage().contains("refusing plain HTTP"), e.getMessage());
  }

  @Test
  void acceptsNonLoopbackWithTls() {
    AgentConfig c =
        AgentConfig.parse(
            with("--listen", "0.0.0.0:7780", "--tls-cert", "/c.pem", "--tls-key", "/k.pem"),
            Map.of());
    assertTrue(c.tls());
  }

  @Test
  void certWithoutKeyIsRefused() {
    assertThrows(
        ConfigException.class, () -> AgentConfig.parse(with("--tls-cert", "/c.pem"), Map.of()));
  }

  @Test
  void missingTokenFileIsRefused() {
    assertThrows(
        ConfigException.class,
        () -> AgentConfig.parse(new String[] {"--node-name", "n", "--state-dir", "/s"}, Map.of()));
  }

  @Test
  void unknownOptionIsRefused() {
    assertThrows(ConfigException.class, () -> AgentConfig.parse(with("--tls", "yes"), Map.of()));
  }

  @Test
  void storagePoolsFromArgumentsOrEnvironment() {
    AgentConfig c =
        AgentConfig.parse(
            with("--shared-pool", "/pools/shared"),
            Map.of("NODE_AGENT_LOCAL_POOL", "/pools/local"));
    assertEquals(Path.of("/pools/shared"), c.sharedPool());
    assertEquals(Path.of("/pools/local"), c.localPool());
    assertEquals(null, AgentConfig.parse(BASE, Map.of()).localPool());
  }
}

package io.vmconsole.nodeagent;

import java.util.concurrent.CountDownLatch;

/**
 * Entry point: {@code java -jar node-agent.jar --node-name N --listen 127.0.0.1:PORT --token-file F
 * --state-dir D [--port-file P] [--tls-cert C --tls-key K] [--qemu BINARY]}. Exit code 2 means a
 * configuration the agent refuses (printed on stderr).
 */
public final class NodeAgentMain {
  private NodeAgentMain() {}

  public static void main(String[] args) throws InterruptedException {
    NodeAgent agent;
    try {
      agent = NodeAgent.start(AgentConfig.parse(args, System.getenv()));
    } catch (ConfigException e) {
      System.err.println("node-agent: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                },
                "node-agent-shutdown"));
    stopped.await();
  }
}

package io.vmconsole.agent;

import java.net.URI;

/**
 * Where a node's agent listens and the token it wants. The token never leaves the console: the
 * browser reaches agents only through the console's proxies.
 *
 * @param nodeName the Node the agent runs
 * @param baseUrl e.g. {@code http://127.0.0.1:7781} (loopback) or {@code https://node:7780}
 * @param token the bearer token
 */
public record AgentEndpoint(String nodeName, URI baseUrl, String token) {

  @Override
  public String toString() {
    // Keeps the token out of logs.
    return "AgentEndpoint[" + nodeName + " " + baseUrl + "]";
  }
}

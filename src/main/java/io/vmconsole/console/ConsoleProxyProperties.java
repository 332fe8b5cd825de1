package io.vmconsole.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console proxy settings.
 *
 * @param pingInterval how often the proxy pings the browser (and the agent), so that idle consoles
 *     outlive the idle timeouts of proxies and load balancers on the way (default 20 s)
 */
@ConfigurationProperties("vmconsole.console")
public record ConsoleProxyProperties(Duration pingInterval) {
  public ConsoleProxyProperties {
    pingInterval = pingInterval == null ? Duration.ofSeconds(20) : pingInterval;
  }
}

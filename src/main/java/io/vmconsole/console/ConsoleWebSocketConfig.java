package io.vmconsole.console;

import io.vmconsole.agent.AgentConsoles;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.security.Access;
import io.vmconsole.security.UserSessions;
import io.vmconsole.security.UserStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The console WebSockets at {@code /console-ws/**}, authorised by {@link ConsoleHandshake}. */
@Configuration
@EnableWebSocket
@EnableConfigurationProperties(ConsoleProxyProperties.class)
class ConsoleWebSocketConfig implements WebSocketConfigurer {
  private final ConsoleProxy proxy;
  private final ConsoleHandshake handshake;

  ConsoleWebSocketConfig(
      ConsoleService consoles,
      AgentConsoles agents,
      AuditLog audit,
      Access access,
      UserStore users,
      UserSessions sessions,
      ConsoleProxyProperties props) {
    this.proxy = new ConsoleProxy(consoles, agents, audit, users, props.pingInterval());
    this.handshake = new ConsoleHandshake(consoles, access);
    // No console outlives its user's account state or the session it was opened in.
    users.onChange(proxy::accountChanged);
    sessions.onEnded(proxy::httpSessionEnded);
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Origins are checked by ConsoleHandshake against the request's own host (stricter than
    // Spring's
    // same-origin default, which lets requests without an Origin through).
    registry
        .addHandler(proxy, ConsoleRequest.PREFIX + "**")
        .addInterceptors(handshake)
        .setAllowedOriginPatterns("*");
  }

  @Bean
  ServletServerContainerFactoryBean consoleWebSocketContainer() {
    ServletServerContainerFactoryBean c = new ServletServerContainerFactoryBean();
    c.setMaxBinaryMessageBufferSize(1024 * 1024);
    c.setMaxTextMessageBufferSize(64 * 1024);
    return c;
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    proxy.shutdown();
  }
}

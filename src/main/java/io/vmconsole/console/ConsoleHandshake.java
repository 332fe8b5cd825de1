package io.vmconsole.console;

import io.vmconsole.security.Access;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Origins;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authorises a console upgrade on the server, from the user's HTTP session (the security filter has
 * already put it in the security context): the Origin must be the console's own (a page elsewhere
 * cannot ride on the user's cookie), the user must read the VM's namespace, and the role must allow
 * the mode. Refusals are plain HTTP 403 before any WebSocket exists.
 */
class ConsoleHandshake implements HandshakeInterceptor {
  static final String REQUEST = "console.request";
  static final String TARGET = "console.target";
  static final String USER = "console.user";
  static final String HTTP_SESSION = "console.httpSession";
  private final ConsoleService consoles;
  private final Access access;

  ConsoleHandshake(ConsoleService consoles, Access access) {
    this.consoles = consoles;
    this.access = access;
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attrs) {
    Optional<ConsoleRequest> asked = ConsoleRequest.parse(request.getURI());
    if (asked.isEmpty()) {
      return refuse(response, HttpStatus.NOT_FOUND);
    }
    Optional<ConsoleUser> user = access.currentUser();
    HttpSession session =
        request instanceof ServletServerHttpRequest servlet
            ? servlet.getServletRequest().getSession(false)
            : null;
    if (!sameOrigin(request) || user.isEmpty() || session == null) {
      return refuse(response, HttpStatus.FORBIDDEN);
    }
    ConsoleRequest r = asked.get();
    if (!consoles.mayOpen(r.namespace(), r.kind(), r.interactive())) {
      return refuse(response, HttpStatus.FORBIDDEN);
    }
    Optional<ConsoleTarget> target = consoles.target(r.namespace(), r.name());
    if (target.isEmpty()) {
      return refuse(response, HttpStatus.NOT_FOUND);
    }
    attrs.put(REQUEST, r);
    attrs.put(TARGET, target.get());
    attrs.put(USER, user.get().account());
    attrs.put(HTTP_SESSION, session.getId());
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception failure) {}

  /**
   * The Origin must be the console's own: scheme, host and port as the request came to it (behind a
   * trusted proxy, as the forwarded headers say), by the same rule as every state-changing request.
   */
  static boolean sameOrigin(ServerHttpRequest request) {
    String origin = request.getHeaders().getOrigin();
    return origin != null
        && request instanceof ServletServerHttpRequest servlet
        && Origins.sameOrigin(origin, servlet.getServletRequest());
  }

  private static boolean refuse(ServerHttpResponse response, HttpStatus status) {
    response.setStatusCode(status);
    return false;
  }
}

package io.vmconsole.security;

import io.vmconsole.base.LogSafe;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;

/**
 * One log line for each service call a signed-in user was refused, naming user, method and its
 * plain arguments (escaped, cut). No stack trace: a refusal is the rule working, not a failure.
 * Refused requests of anonymous visitors (every page before the login) are not worth a line each.
 */
class DeniedCalls {
  private static final Logger log = LoggerFactory.getLogger(DeniedCalls.class);

  @EventListener
  void onDenied(AuthorizationDeniedEvent<?> event) {
    if (!(event.getSource() instanceof MethodInvocation call)) {
      return;
    }
    var authentication = event.getAuthentication().get();
    if (authentication == null || !(authentication.getPrincipal() instanceof ConsoleUser user)) {
      return;
    }
    String arguments =
        Arrays.stream(call.getArguments())
            .map(
                a ->
                    a instanceof String
                            || a instanceof Enum<?>
                            || a instanceof Number
                            || a instanceof Boolean
                        ? LogSafe.text(String.valueOf(a))
                        : a == null ? "null" : a.getClass().getSimpleName())
            .collect(Collectors.joining(", "));
    log.warn(
        "Refused {} ({}): {}.{}({})",
        LogSafe.text(user.getUsername()),
        user.role().name().toLowerCase(),
        call.getMethod().getDeclaringClass().getSimpleName(),
        call.getMethod().getName(),
        arguments);
  }
}

package io.vmconsole.security;

import io.vmconsole.base.LogSafe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) whose {@code Origin} is another
 * site's. Browsers send the Origin with every such request, forms included; the login form carries
 * no CSRF token, so without this another site could log a visitor in under its own account (login
 * CSRF). The request's own origin is taken as Spring sees it, forwarded headers included when they
 * are trusted.
 */
final class SameOriginPostFilter extends OncePerRequestFilter {

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    if (origin != null
        && STATE_CHANGING.contains(request.getMethod())
        && !Origins.sameOrigin(origin, request)) {
      // Not sendError: its error dispatch would meet the login redirect and answer 302 instead.
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("text/plain;charset=UTF-8");
      response
          .getWriter()
          .write(
              "cross-site request refused: Origin "
                  + LogSafe.text(origin)
                  + " is not this console\n");
      return;
    }
    chain.doFilter(request, response);
  }
}

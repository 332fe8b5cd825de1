package io.vmconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose user's account changed or went since the sign-in, before anything else looks
 * at the request: the request goes on as anonymous (to the login page). This console ends such
 * sessions as soon as it changes the account; this check is what ends them when another console
 * sharing the user store did.
 */
final class StaleSessionFilter extends OncePerRequestFilter {
  private final Access access;

  StaleSessionFilter(Access access) {
    this.access = access;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (access.signedIn().isPresent() && access.currentUser().isEmpty()) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        try {
          session.invalidate();
        } catch (IllegalStateException e) {
          // Ended meanwhile.
        }
      }
    }
    chain.doFilter(request, response);
  }
}

package io.vmconsole.shell.ui;

import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page address no view answers gets HTTP 404. Vaadin serves its bootstrap page with 200 for every
 * address and routes in the browser afterwards (where {@link NotFoundView} says "Nothing here"), so
 * crawlers, monitors and scripts would see a page that exists. Only page loads (GET for HTML, no
 * file extension) outside the paths other handlers serve are looked up in Vaadin's route registry.
 */
@Configuration
class UnknownAddressStatus extends OncePerRequestFilter {
  private static final List<String> OTHER_HANDLERS =
      List.of("VAADIN/", "HEARTBEAT", "console-api/", "console-ws/", "login", "logout", "error");

  @Bean
  FilterRegistrationBean<UnknownAddressStatus> unknownAddressStatusFilter() {
    FilterRegistrationBean<UnknownAddressStatus> registration = new FilterRegistrationBean<>(this);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isUnknownPage(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    // The bootstrap page still follows, so the browser shows NotFoundView in the shell.
    chain.doFilter(
        request,
        new HttpServletResponseWrapper(response) {
          @Override
          public void setStatus(int status) {
            if (status != SC_OK) {
              super.setStatus(status);
            }
          }
        });
  }

  private boolean isUnknownPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    path = path.startsWith("/") ? path.substring(1) : path;
    if (!"GET".equals(request.getMethod())
        || accept == null
        || !accept.contains("text/html")
        || request.getQueryString() != null && request.getQueryString().contains("v-r=")
        || path.substring(path.lastIndexOf('/') + 1).contains(".")) {
      return false;
    }
    for (String prefix : OTHER_HANDLERS) {
      if (path.startsWith(prefix)) {
        return false;
      }
    }
    ApplicationRouteRegistry routes =
        ApplicationRouteRegistry.getInstance(new VaadinServletContext(getServletContext()));
    return routes.getNavigationTarget(path).isEmpty();
  }
}

package io.vmconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whether a browser's {@code Origin} is this console. The console's own origin is the request's
 * scheme, host and port as the servlet container sees them: behind a TLS proxy whose forwarded
 * headers are trusted ({@code server.forward-headers-strategy=native}), the ones the browser used.
 */
public final class Origins {
  private Origins() {}

  public static boolean sameOrigin(String origin, HttpServletRequest request) {
    URI own =
        UriComponentsBuilder.newInstance()
            .scheme(request.getScheme())
            .host(request.getServerName())
            .port(request.getServerPort())
            .build()
            .toUri();
    try {
      URI given = URI.create(origin);
      return given.getHost() != null
          && own.getScheme().equalsIgnoreCase(given.getScheme())
          && own.getHost().equalsIgnoreCase(given.getHost())
          && port(own) == port(given);
    } catch (IllegalArgumentException e) {
      return false; // "null" (a sandboxed frame, a file) or garbage: not us
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}

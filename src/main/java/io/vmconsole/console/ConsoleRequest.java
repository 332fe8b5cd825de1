package io.vmconsole.console;

import java.net.URI;
import java.util.Optional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A console WebSocket request as the browser makes it: {@code
 * /console-ws/{serial|vnc}/{namespace}/{name}?mode=interactive|watch[&takeOver=true]}.
 */
public record ConsoleRequest(
    ConsoleKind kind, String namespace, String name, boolean interactive, boolean takeOver) {
  public static final String PREFIX = "/console-ws/";

  public static Optional<ConsoleRequest> parse(URI uri) {
    String path = uri.getPath();
    int at = path.indexOf(PREFIX);
    if (at < 0) {
      return Optional.empty();
    }
    String[] parts = path.substring(at + PREFIX.length()).split("/");
    if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
      return Optional.empty();
    }
    var query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    boolean interactive = "interactive".equals(query.getFirst("mode"));
    boolean takeOver = "true".equals(query.getFirst("takeOver"));
    return ConsoleKind.ofPath(parts[0])
        .map(k -> new ConsoleRequest(k, parts[1], parts[2], interactive, takeOver && interactive));
  }

  /** The browser-side path of a console, for the elements. */
  public static String path(ConsoleKind kind, String namespace, String name) {
    return PREFIX + kind.path() + "/" + namespace + "/" + name;
  }
}

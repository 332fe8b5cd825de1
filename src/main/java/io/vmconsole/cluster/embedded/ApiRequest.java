package io.vmconsole.cluster.embedded;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * One API request as the pipeline sees it: whole, its body read (and bounded) by the front.
 *
 * @param path the URI parsed once (null for what is not a resource path: discovery, OpenAPI)
 * @param headers a header's value by name (case-insensitive), or null
 */
record ApiRequest(
    String method, String uri, ApiPath path, UnaryOperator<String> headers, byte[] body) {

  String header(String name) {
    return headers.apply(name);
  }

  String utf8Body() {
    return new String(body, StandardCharsets.UTF_8);
  }
}

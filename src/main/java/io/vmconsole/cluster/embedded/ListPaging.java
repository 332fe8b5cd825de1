package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's pages as kube-apiserver serves them: {@code limit}, and an opaque {@code continue} token
 * naming the last key served (here the key itself, base64url-encoded).
 */
final class ListPaging {
  private ListPaging() {}

  static int limit(String limit) {
    try {
      return limit == null ? 0 : Math.max(0, Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw new RequestPipeline.InvalidParameter(
          "limit: must be an integer (got " + LogSafe.text(limit) + ")");
    }
  }

  /** The key a continue token names, null for the first page. */
  static String after(String token) {
    try {
      return token == null || token.isEmpty()
          ? null
          : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RequestPipeline.InvalidParameter("continue: not a token this server gave");
    }
  }

  static void continuation(ObjectNode meta, ObjectStore.Page page) {
    if (page.lastKey() != null) {
      meta.put(
          "continue",
          Base64.getUrlEncoder().encodeToString(page.lastKey().getBytes(StandardCharsets.UTF_8)));
    }
  }
}

package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order in which objects were created, which the operation rules go by. creationTimestamp has only
 * seconds, so objects created in the same second (one {@code kubectl apply} of a Stop and a Restart) are
 * ordered by their resourceVersion when first seen: the store's write order. It is not read later, because
 * every status update moves it; the order first seen is kept instead.
 */
final class CreationOrder {
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final AtomicLong seen = new AtomicLong();

  /** Sorts {@code objects} oldest first. */
  void sort(List<? extends JsonNode> objects) {
    objects.stream().filter(o -> !firstSeen.containsKey(uid(o)))
        .sorted(Comparator.comparing(CreationOrder::resourceVersion))
        .forEach(o -> firstSeen.put(uid(o), seen.incrementAndGet()));
    objects.sort(Comparator.comparing(CreationOrder::created).thenComparing(o -> firstSeen.get(uid(o))));
  }

  private static String created(JsonNode o) {
    return o.path("metadata").path("creationTimestamp").asText();
  }

  /** Numeric where it is a number (the embedded store's and etcd's are): "10" comes after "9". */
  private static long resourceVersion(JsonNode o) {
    try {
      return Long.parseLong(o.path("metadata").path("resourceVersion").asText());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String uid(JsonNode o) {
    return o.path("metadata").path("uid").asText();
  }
}

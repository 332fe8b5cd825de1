package io.vmconsole.controller.operations;

import io.vmconsole.api.common.StoredObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order in which objects were created, which the operation rules go by. creationTimestamp has
 * only seconds, so objects created in the same second (one {@code kubectl apply} of a Stop and a
 * Restart) are ordered by their resourceVersion when first seen: the store's write order. It is not
 * read later, because every status update moves it; the order first seen is kept instead.
 */
final class CreationOrder {
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final AtomicLong seen = new AtomicLong();

  /** Sorts {@code objects} oldest first. */
  <T extends StoredObject> void sort(List<T> objects) {
    objects.stream()
        .filter(o -> !firstSeen.containsKey(o.uid()))
        .sorted(Comparator.comparing(CreationOrder::resourceVersion))
        .forEach(o -> firstSeen.put(o.uid(), seen.incrementAndGet()));
    objects.sort(
        Comparator.comparing(StoredObject::creationTimestamp)
            .thenComparing(o -> firstSeen.get(o.uid())));
  }

  /** Numeric where it is a number (the embedded store's and etcd's are): "10" comes after "9". */
  private static long resourceVersion(StoredObject o) {
    long version = o.resourceVersion();
    return version == 0 ? Long.MAX_VALUE : version;
  }
}

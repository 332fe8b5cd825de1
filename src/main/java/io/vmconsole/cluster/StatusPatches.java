package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Supplier;

/**
 * A status written in one request: a JSON patch to the status subresource that sets {@code /status}
 * whole. No read first (fabric8's {@code editStatus}, and a patch of a resource given by name only,
 * cost a GET and a PATCH: give the object), and fields the new status lacks are gone, which a merge
 * patch would keep.
 */
final class StatusPatches {

  static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

  private StatusPatches() {}

  /**
   * The object to patch, reduced to its name: fabric8 copies the object it is given (through JSON)
   * before every patch, and only the name and namespace go into the request.
   */
  static <T extends HasMetadata> T named(T object, Supplier<T> blank) {
    T named = blank.get();
    named.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(object.getMetadata().getNamespace())
            .withName(object.getMetadata().getName())
            .build());
    return named;
  }

  static String replacing(Object status) {
    return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
  }
}

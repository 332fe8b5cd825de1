package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A status written in one request: a JSON patch to the status subresource that sets {@code /status}
 * whole. No read first (fabric8's {@code editStatus}, and a patch of a resource given by name only,
 * cost a GET and a PATCH: give the object), and fields the new status lacks are gone, which a merge
 * patch would keep.
 */
final class StatusPatches {

  static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

  private StatusPatches() {}

  static String replacing(Object status) {
    return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
  }
}

package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.vm.VmSpecCopies;

/**
 * What a VM shows to someone who can read its namespace but not operate it: inline cloud-init may
 * hold passwords (Secret values are hidden from such users too), and the annotations that copy the
 * spec carry it again; their values are replaced by a note that says why.
 */
final class ViewerRedaction {

  static final String HIDDEN = "(hidden: only operators and admins of the namespace see it)";

  private ViewerRedaction() {}

  /**
   * Whether a path of restartAwaitingChanges (spec paths without "spec.") leads into what is
   * hidden.
   */
  static boolean hides(String path) {
    return path.equals("provisioning") || path.startsWith("provisioning.");
  }

  /** A copy of the VM with those values replaced; the VM itself is left as it is. */
  static ObjectNode redact(JsonNode vm) {
    ObjectNode copy = vm.deepCopy();
    JsonNode provisioning = copy.path("spec").path("provisioning");
    if (provisioning instanceof ObjectNode p && p.has("userData")) {
      p.put("userData", HIDDEN);
    }
    JsonNode annotations = copy.path("metadata").path("annotations");
    if (annotations instanceof ObjectNode a) {
      VmSpecCopies.ALL.stream().filter(a::has).forEach(key -> a.put(key, HIDDEN));
    }
    return copy;
  }
}

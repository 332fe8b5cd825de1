package io.vmconsole.api.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;

/**
 * A stored VirtualMachineIPAddress (vmip) read through typed accessors (IP management reads its
 * records).
 */
public final class VmipObject extends StoredObject {
  private VmipObject(JsonNode json) {
    super(json);
  }

  public static VmipObject of(JsonNode json) {
    return new VmipObject(json);
  }
}

package io.vmconsole.api.vmclass;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.validation.VirtualMachineDefaults;

/** A stored VirtualMachineClass read through typed accessors. */
public final class VmClassObject extends StoredObject {
  private VmClassObject(JsonNode json) {
    super(json);
  }

  public static VmClassObject of(JsonNode json) {
    return new VmClassObject(json);
  }

  /**
   * The core fraction a VM of this many cores gets when its spec names none: its sizing policy's
   * default ("Auto" when the policy leaves it to the platform).
   */
  public String defaultCoreFraction(int cores) {
    return VirtualMachineDefaults.coreFraction(json, cores);
  }
}

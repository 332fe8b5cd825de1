package io.vmconsole.controller.vm;

import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.VmObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a VM can live-migrate (the Migratable condition, and the check of Evict/Migrate): a disk
 * in a node's local pool cannot follow the VM to another node — one of its spec or one hot-plugged
 * by an attachment (as its status.blockDeviceRefs lists them). Pure.
 */
public final class Migratability {
  public static final String NOT_MIGRATABLE = "NotMigratable";

  private Migratability() {}

  /**
   * @param disk the VirtualDisk of the VM's namespace by name, empty when unknown
   * @return why the VM cannot migrate, empty when it can
   */
  public static Optional<String> blocker(VmObject vm, Function<String, Optional<DiskObject>> disk) {
    List<DeviceRef> refs = new ArrayList<>(vm.blockDeviceRefs());
    vm.blockDeviceStatuses().stream()
        .filter(VmObject.DeviceStatus::hotplugged)
        .forEach(r -> refs.add(r.ref()));
    for (DeviceRef ref : refs) {
      if (ref.isVirtualDisk()
          && disk.apply(ref.name()).filter(DiskObject::isNodeLocal).isPresent()) {
        return Optional.of(
            "disk \""
                + ref.name()
                + "\" is in the node-local pool of "
                + vm.nodeName().orElse("its node"));
      }
    }
    return Optional.empty();
  }
}

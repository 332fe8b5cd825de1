package io.vmconsole.controller;

import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.ipam.VmipObject;
import io.vmconsole.api.vm.VmObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who refers to what, so that a change to a disk, image or Secret wakes only the VMs (and disks)
 * that use it — at a thousand VMs, waking a whole namespace per disk event is quadratic.
 */
final class References {
  private static final String VMIP = "VirtualMachineIPAddress";
  private static final String UID = "uid";

  /**
   * "Kind:ns/name" (images of a cluster: "ClusterVirtualImage:/name") → keys of the referring
   * objects.
   */
  private final Map<String, Set<String>> vmUsers = new ConcurrentHashMap<>();

  private final Map<String, Set<String>> diskUsers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> vmRefs = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> diskRefs = new ConcurrentHashMap<>();

  void index(VmObject vm) {
    Set<String> refs = new HashSet<>();
    vm.blockDeviceRefs().forEach(ref -> refs.add(target(ref, vm.namespace())));
    vm.provisioning()
        .map(VmObject.Provisioning::secretName)
        .ifPresent(secret -> refs.add("Secret:" + vm.namespace() + "/" + secret));
    // The vmip it names, and the one it holds (its own Auto vmip is also found by its owner's uid).
    for (String vmip : new String[] {vm.specVmipName(), vm.statusVmipName()}) {
      if (!vmip.isEmpty()) {
        refs.add(VMIP + ":" + vm.namespace() + "/" + vmip);
      }
    }
    refs.add(UID + ":" + vm.uid());
    replace(vm.key(), refs, vmRefs, vmUsers);
  }

  /** A VM that is gone refers to nothing any more. */
  void forget(String vmKey) {
    replace(vmKey, Set.of(), vmRefs, vmUsers);
  }

  /** The VM with that uid (empty once it is gone). */
  Set<String> vmByUid(String uid) {
    return users(UID, uid);
  }

  /** The VMs whose vmip this is: named by their spec or status, or its owner. */
  Set<String> vmipUsers(VmipObject vmip) {
    Set<String> vms = new HashSet<>(users(VMIP, vmip.key()));
    vmip.ownerUids().forEach(uid -> vms.addAll(vmByUid(uid)));
    return vms;
  }

  void indexDisk(DiskObject disk) {
    Set<String> refs = new HashSet<>();
    disk.sourceImage().ifPresent(ref -> refs.add(target(ref, disk.namespace())));
    replace(disk.key(), refs, diskRefs, diskUsers);
  }

  private static String target(DeviceRef ref, String namespace) {
    return ref.kind() + ":" + (ref.isClusterScoped() ? "" : namespace) + "/" + ref.name();
  }

  Set<String> users(String kind, String key) {
    return Set.copyOf(vmUsers.getOrDefault(kind + ":" + key, Set.of()));
  }

  Set<String> diskUsers(String kind, String key) {
    return Set.copyOf(diskUsers.getOrDefault(kind + ":" + key, Set.of()));
  }

  private static synchronized void replace(
      String owner,
      Set<String> refs,
      Map<String, Set<String>> byOwner,
      Map<String, Set<String>> byTarget) {
    for (String old : byOwner.getOrDefault(owner, Set.of())) {
      Set<String> users = byTarget.get(old);
      if (users != null) {
        users.remove(owner);
      }
    }
    byOwner.put(owner, refs);
    refs.forEach(r -> byTarget.computeIfAbsent(r, k -> ConcurrentHashMap.newKeySet()).add(owner));
  }
}

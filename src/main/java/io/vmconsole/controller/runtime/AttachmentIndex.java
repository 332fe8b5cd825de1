package io.vmconsole.controller.runtime;

import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which attachments (vmbda) name a VM and which name a disk, so that a VM's or a disk's reconcile
 * reads only its own attachments instead of listing them all (quadratic at a thousand VMs).
 */
public final class AttachmentIndex {
  /** vmbda key → the "VirtualMachine:ns/name" and "Kind:ns/name" (device) it names. */
  private final Map<String, Set<String>> named = new ConcurrentHashMap<>();

  /** "VirtualMachine:ns/name" or "Kind:ns/name" → the keys of the vmbdas that name it. */
  private final Map<String, Set<String>> namedBy = new ConcurrentHashMap<>();

  /** Records a vmbda as it is now, or forgets it when {@code present} is false (deleted). */
  public synchronized void update(String key, AttachmentObject vmbda, boolean present) {
    for (String old : named.getOrDefault(key, Set.of())) {
      Set<String> keys = namedBy.get(old);
      if (keys != null) {
        keys.remove(key);
      }
    }
    if (!present) {
      named.remove(key);
      return;
    }
    String ns = vmbda.namespace();
    Set<String> targets = Set.of(vm(ns, vmbda.vmName()), device(vmbda.device(), ns));
    named.put(key, targets);
    targets.forEach(t -> namedBy.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(key));
  }

  Set<String> ofVm(String namespace, String name) {
    return Set.copyOf(namedBy.getOrDefault(vm(namespace, name), Set.of()));
  }

  Set<String> ofDevice(DeviceRef device, String namespace) {
    return Set.copyOf(namedBy.getOrDefault(device(device, namespace), Set.of()));
  }

  private static String vm(String ns, String name) {
    return "VirtualMachine:" + ns + "/" + name;
  }

  private static String device(DeviceRef device, String ns) {
    return device.kind() + ":" + (device.isClusterScoped() ? "" : ns) + "/" + device.name();
  }
}

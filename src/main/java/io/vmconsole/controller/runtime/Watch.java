package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.core.PodObject;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.ipam.VmipObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.Kind;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A change that wakes a reconciler: an object of a kind changed (or went), and the keys of the
 * reconciler's queue it concerns. A watch marked {@link #resyncing()} is also run over every cached
 * object of its kind at the periodic resync, the backstop for a missed event.
 */
public record Watch(Kind kind, Function<JsonNode, Collection<String>> keys, boolean atResync) {

  /** The same watch, run at every resync too. */
  public Watch resyncing() {
    return new Watch(kind, keys, true);
  }

  public static Watch vms(Function<VmObject, Collection<String>> keys) {
    return of(Kind.VIRTUAL_MACHINE, VmObject::of, keys);
  }

  /** A VM's own key. */
  public static Watch vmItself() {
    return vms(vm -> List.of(vm.key()));
  }

  public static Watch vmops(Function<VmopObject, Collection<String>> keys) {
    return of(Kind.VIRTUAL_MACHINE_OPERATION, VmopObject::of, keys);
  }

  public static Watch disks(Function<DiskObject, Collection<String>> keys) {
    return of(Kind.VIRTUAL_DISK, DiskObject::of, keys);
  }

  public static Watch images(Kind kind, Function<ImageObject, Collection<String>> keys) {
    return of(kind, ImageObject::of, keys);
  }

  public static Watch attachments(Function<AttachmentObject, Collection<String>> keys) {
    return of(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT, AttachmentObject::of, keys);
  }

  public static Watch vmips(Function<VmipObject, Collection<String>> keys) {
    return of(Kind.VIRTUAL_MACHINE_IP_ADDRESS, VmipObject::of, keys);
  }

  public static Watch secrets(Function<SecretObject, Collection<String>> keys) {
    return of(Kind.SECRET, SecretObject::of, keys);
  }

  public static Watch pods(Function<PodObject, Collection<String>> keys) {
    return of(Kind.POD, PodObject::of, keys);
  }

  public static Watch nodes(Function<NodeObject, Collection<String>> keys) {
    return of(Kind.NODE, NodeObject::of, keys);
  }

  /** Any change of the kind wakes every key {@code all} gives (a VirtualMachineClass: every VM). */
  public static Watch any(Kind kind, java.util.function.Supplier<Collection<String>> all) {
    return new Watch(kind, json -> all.get(), false);
  }

  private static <T extends StoredObject> Watch of(
      Kind kind, Function<JsonNode, T> view, Function<T, Collection<String>> keys) {
    return new Watch(kind, json -> keys.apply(view.apply(json)), false);
  }
}

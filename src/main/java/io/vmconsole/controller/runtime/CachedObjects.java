package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.core.PodObject;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmclass.VmClassObject;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The informer caches read as typed views: what the reconcilers decide from. A read here may lag
 * the API by a watch event; a decision that must not, reads the object fresh through its accessor.
 */
public final class CachedObjects {
  private final ClusterResources cluster;

  public CachedObjects(ClusterResources cluster) {
    this.cluster = cluster;
  }

  public Optional<VmObject> vm(String namespace, String name) {
    return get(Kind.VIRTUAL_MACHINE, namespace, name, VmObject::of);
  }

  public List<VmObject> vms() {
    return list(Kind.VIRTUAL_MACHINE, VmObject::of);
  }

  public List<VmopObject> vmops() {
    return list(Kind.VIRTUAL_MACHINE_OPERATION, VmopObject::of);
  }

  public Optional<DiskObject> disk(String namespace, String name) {
    return get(Kind.VIRTUAL_DISK, namespace, name, DiskObject::of);
  }

  public List<DiskObject> disks() {
    return list(Kind.VIRTUAL_DISK, DiskObject::of);
  }

  /** A VirtualImage of the namespace, or a ClusterVirtualImage. */
  public Optional<ImageObject> image(DeviceRef ref, String namespace) {
    return ref.isClusterScoped()
        ? get(Kind.CLUSTER_VIRTUAL_IMAGE, null, ref.name(), ImageObject::of)
        : get(Kind.VIRTUAL_IMAGE, namespace, ref.name(), ImageObject::of);
  }

  List<ImageObject> images(Kind kind) {
    return list(kind, ImageObject::of);
  }

  public Optional<AttachmentObject> attachment(String namespace, String name) {
    return get(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT, namespace, name, AttachmentObject::of);
  }

  public List<AttachmentObject> attachments() {
    return list(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT, AttachmentObject::of);
  }

  public List<NodeObject> nodes() {
    return list(Kind.NODE, NodeObject::of);
  }

  public List<PodObject> pods() {
    return list(Kind.POD, PodObject::of);
  }

  /** The namespace's pods whose label {@code label} is {@code value}, from an index. */
  public List<PodObject> podsLabelled(String namespace, String label, String value) {
    return cluster.cache(Kind.POD).labelled(namespace, label, value).stream()
        .map(PodObject::of)
        .toList();
  }

  public Optional<SecretObject> secret(String namespace, String name) {
    return get(Kind.SECRET, namespace, name, SecretObject::of);
  }

  public Optional<VmClassObject> vmClass(String name) {
    return get(Kind.VIRTUAL_MACHINE_CLASS, null, name, VmClassObject::of);
  }

  private <T> Optional<T> get(
      Kind kind, String namespace, String name, Function<JsonNode, T> view) {
    return cluster.cache(kind).getJson(namespace, name).map(view);
  }

  private <T> List<T> list(Kind kind, Function<JsonNode, T> view) {
    return cluster.cache(kind).listJson().stream().map(view).toList();
  }
}

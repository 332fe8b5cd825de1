package io.vmconsole.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.validation.ClusterFacts;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Admission's view of other objects, from the informer caches: the pool, the leases, the classes
 * (whose sizing policies decide the allowed core fractions), the disks (which VM runs with one). A
 * cache may lag a write by milliseconds; the allocator's lease create (409) stays the final word on
 * who holds an address.
 */
final class InformerClusterFacts implements ClusterFacts {
  private final ModuleConfigs modules;
  private final IpLeases leases;
  private final ResourceCache classes;
  private final ResourceCache disks;

  InformerClusterFacts(
      ModuleConfigs modules, IpLeases leases, ResourceCache classes, ResourceCache disks) {
    this.modules = modules;
    this.leases = leases;
    this.classes = classes;
    this.disks = disks;
  }

  @Override
  public Optional<ObjectNode> virtualMachineClass(String name) {
    return classes.getJson(null, name);
  }

  @Override
  public List<String> virtualMachineCIDRs() {
    return modules.cidrs();
  }

  @Override
  public Optional<ObjectNode> ipAddressLease(String ipv4) {
    return leases.get(ipv4).map(l -> (ObjectNode) Serialization.jsonMapper().valueToTree(l));
  }

  @Override
  public Set<String> allocatedAddresses() {
    return leases.takenAddresses();
  }

  @Override
  public Optional<ObjectNode> virtualDisk(String namespace, String name) {
    return disks.getJson(namespace, name);
  }
}

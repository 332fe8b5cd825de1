package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What some rules need to know about other objects. The caller (the API server, a console service)
 * provides it from its store; {@link ResourceAdmission} built without facts skips those rules, so
 * the pure rules stay testable and usable where no store is at hand.
 */
public interface ClusterFacts {

  /** The VirtualMachineClass as stored, empty when no class has that name. */
  Optional<ObjectNode> virtualMachineClass(String name);

  /** settings.virtualMachineCIDRs of the virtualization ModuleConfig; empty when not set. */
  List<String> virtualMachineCIDRs();

  /** The VirtualMachineIPAddressLease for an IPv4 address, empty when there is none. */
  Optional<ObjectNode> ipAddressLease(String ipv4);

  /** Every IPv4 address that has a lease (Released ones too: they are still held). */
  Set<String> allocatedAddresses();

  /** The VirtualDisk as stored, empty when the namespace has none of that name. */
  Optional<ObjectNode> virtualDisk(String namespace, String name);
}

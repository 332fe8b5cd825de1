package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.ipam.LeaseNames;

/** VirtualMachineIPAddressLease (api.md §4): the name is the address, so it must be one. */
final class IpLeaseRules implements KindRules {

  @Override
  public void validate(ObjectNode lease, ObjectNode old, Errors errors) {
    String name = Json.text(lease.path("metadata"), "name");
    if (name != null && LeaseNames.toAddress(name).isEmpty()) {
      errors.add(
          "metadata.name",
          "must be ip-A-B-C-D, the IPv4 address with dashes for dots (got \"" + name + "\")");
    }
  }
}

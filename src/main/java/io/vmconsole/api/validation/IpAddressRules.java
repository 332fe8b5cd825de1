package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** VirtualMachineIPAddress (api.md §3). */
final class IpAddressRules implements KindRules {

  private final ClusterFacts facts;

  IpAddressRules(ClusterFacts facts) {
    this.facts = facts;
  }

  @Override
  public void validate(ObjectNode vmip, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(vmip.path("metadata"), "name"), 253, errors);
    JsonNode spec = vmip.path("spec");
    String type =
        Json.requireEnum(spec, "type", "spec.type", true, List.of("Auto", "Static"), errors);
    String ip = Json.text(spec, "staticIP");
    if ("Static".equals(type) && !Json.present(spec, "staticIP")) {
      errors.add("spec.staticIP", "is required when type is Static");
    } else if ("Auto".equals(type) && Json.present(spec, "staticIP")) {
      errors.add("spec.staticIP", "must not be set when type is Auto");
    } else if ("Static".equals(type) && Ipv4.parse(ip).isEmpty()) {
      errors.add(
          "spec.staticIP", "must be a valid IPv4 address (got " + spec.get("staticIP") + ")");
      ip = null;
    }
    if (old != null) {
      boundChanges(spec, old, errors);
    }
    if (facts != null) {
      pool(vmip, "Static".equals(type) ? ip : null, old == null, errors);
    }
  }

  /** Once Bound, the address is fixed: only Auto→Static keeping the same address is allowed. */
  private static void boundChanges(JsonNode spec, ObjectNode old, Errors errors) {
    String phase = Json.text(old.path("status"), "phase");
    if (!"Bound".equals(phase) && !"Attached".equals(phase)) {
      return;
    }
    JsonNode oldSpec = old.path("spec");
    String oldType = Json.text(oldSpec, "type");
    String type = Json.text(spec, "type");
    String ip = Json.text(spec, "staticIP");
    String address = Json.text(old.path("status"), "address");
    if (!Objects.equals(oldType, type)) {
      boolean autoToStaticSameIp =
          "Auto".equals(oldType) && "Static".equals(type) && Objects.equals(ip, address);
      if (!autoToStaticSameIp) {
        errors.add(
            "spec.type",
            "can't change once the address is Bound, except Auto to Static with the bound address "
                + address);
      }
    } else if (!Objects.equals(Json.text(oldSpec, "staticIP"), ip)) {
      errors.add(
          "spec.staticIP", "can't change once the address is Bound (bound to " + address + ")");
    }
  }

  private void pool(ObjectNode vmip, String ip, boolean create, Errors errors) {
    List<String> cidrs = facts.virtualMachineCIDRs();
    if (cidrs.isEmpty()) {
      errors.add(
          "spec",
          "can't be used: virtualMachineCIDRs is not set in the virtualization ModuleConfig");
      return;
    }
    if (ip == null) {
      return;
    }
    long address = Ipv4.parse(ip).orElseThrow();
    Optional<Ipv4.Cidr> cidr =
        cidrs.stream()
            .map(Ipv4::parseCidr)
            .flatMap(Optional::stream)
            .filter(c -> c.contains(address))
            .findFirst();
    // Out of range is only a warning on update (api.md §3), and this contract has no warnings.
    if (create && cidr.isEmpty()) {
      errors.add(
          "spec.staticIP",
          "must be inside virtualMachineCIDRs " + String.join(", ", cidrs) + " (got " + ip + ")");
    } else if (create && (address == cidr.get().first() || address == cidr.get().last())) {
      errors.add(
          "spec.staticIP", "must not be the first or last address of its CIDR (got " + ip + ")");
    }
    facts
        .ipAddressLease(ip)
        .ifPresent(
            lease -> {
              JsonNode ref = Json.at(lease, "spec.virtualMachineIPAddressRef");
              boolean ours =
                  ref != null
                      && Objects.equals(
                          Json.text(ref, "namespace"),
                          Json.at(vmip, "metadata.namespace") == null
                              ? null
                              : Json.at(vmip, "metadata.namespace").asText())
                      && Objects.equals(
                          Json.text(ref, "name"),
                          Json.at(vmip, "metadata.name") == null
                              ? null
                              : Json.at(vmip, "metadata.name").asText());
              if (!ours && !"Released".equals(Json.text(lease.path("status"), "phase"))) {
                errors.add(
                    "spec.staticIP",
                    "the IP address "
                        + ip
                        + " has already been allocated and has not been released");
              }
            });
  }
}

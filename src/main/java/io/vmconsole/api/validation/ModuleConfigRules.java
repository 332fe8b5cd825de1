package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.module.ModuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** ModuleConfig settings.virtualMachineCIDRs, the VM address pool (api.md §4). */
final class ModuleConfigRules implements KindRules {

  private static final String FIELD = "spec.settings." + ModuleConfig.CIDRS_SETTING;

  private final ClusterFacts facts;

  ModuleConfigRules(ClusterFacts facts) {
    this.facts = facts;
  }

  @Override
  public void validate(ObjectNode mc, ObjectNode old, Errors errors) {
    JsonNode list = Json.at(mc, FIELD);
    JsonNode oldList = old == null ? null : Json.at(old, FIELD);
    boolean wasSet = oldList != null && oldList.isArray() && !oldList.isEmpty();
    if (list == null || (list.isArray() && list.isEmpty())) {
      if (wasSet) {
        errors.add(FIELD, "can't be emptied once set");
      } else if (list != null) {
        errors.add(FIELD, "must have at least 1 item");
      }
      return;
    }
    if (!list.isArray()) {
      errors.add(FIELD, "must be a list of CIDRs");
      return;
    }
    List<Ipv4.Cidr> cidrs = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String text = list.get(i).asText();
      String path = FIELD + "[" + i + "]";
      Optional<Ipv4.Cidr> cidr = Ipv4.parseCidr(text);
      if (cidr.isEmpty()) {
        errors.add(path, "must be an IPv4 CIDR such as 10.66.10.0/24 (got \"" + text + "\")");
      } else if (!Ipv4.isAligned(text)) {
        errors.add(
            path,
            "must be mask-aligned: the address must be the network address of the mask (got \""
                + text
                + "\")");
      } else {
        for (int j = 0; j < cidrs.size(); j++) {
          if (cidrs.get(j) != null && cidrs.get(j).overlaps(cidr.get())) {
            errors.add(
                path, "must not overlap " + list.get(j).asText() + " (got \"" + text + "\")");
          }
        }
      }
      cidrs.add(cidr.filter(c -> Ipv4.isAligned(text)).orElse(null));
    }
    if (facts != null && wasSet) {
      removedInUse(oldList, cidrs, errors);
    }
  }

  /**
   * A CIDR still holding leased addresses can't be removed: those addresses would leave the pool.
   */
  private void removedInUse(JsonNode oldList, List<Ipv4.Cidr> now, Errors errors) {
    Set<String> allocated = facts.allocatedAddresses();
    for (JsonNode n : oldList) {
      Optional<Ipv4.Cidr> old = Ipv4.parseCidr(n.asText());
      if (old.isEmpty() || now.contains(old.get())) {
        continue;
      }
      long inUse =
          allocated.stream()
              .map(Ipv4::parse)
              .flatMap(Optional::stream)
              .filter(old.get()::contains)
              .count();
      if (inUse > 0) {
        errors.add(
            FIELD,
            "can't remove " + n.asText() + ": " + inUse + " address(es) in it are still leased");
      }
    }
  }
}

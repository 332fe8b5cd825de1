package io.vmconsole.api.validation;

import static io.vmconsole.api.validation.Fixtures.with;
import static io.vmconsole.api.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.module.ModuleConfig;
import io.vmconsole.api.validation.Fixtures.Case;
import io.vmconsole.api.validation.Fixtures.FixedFacts;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ModuleConfig virtualMachineCIDRs (api.md §4). */
class ModuleConfigAdmissionTest {

  static final ObjectNode MC =
      yaml(
          """
      apiVersion: deckhouse.io/v1alpha1
      kind: ModuleConfig
      metadata: {name: virtualization}
      spec:
        enabled: true
        version: 1
        settings:
          dvcr: {storage: {type: PersistentVolumeClaim}}
          virtualMachineCIDRs: [10.66.10.0/24, 10.66.20.0/24]
      """);
  private static final String CIDRS = "spec.settings.virtualMachineCIDRs";

  static Stream<Case> cases() {
    return Stream.of(
        Case.ok("two pools", MC),
        Case.ok("not set", with(MC, CIDRS, "~")),
        Case.fails("empty on create", with(MC, CIDRS, "[]"), CIDRS, "must have at least 1 item"),
        Case.fails(
            "not a CIDR", with(MC, CIDRS, "[10.66.10.0]"), CIDRS + "[0]", "must be an IPv4 CIDR"),
        Case.fails(
            "prefix over 32",
            with(MC, CIDRS, "[10.66.10.0/33]"),
            CIDRS + "[0]",
            "must be an IPv4 CIDR"),
        Case.fails(
            "not mask-aligned",
            with(MC, CIDRS, "[10.66.10.5/24]"),
            CIDRS + "[0]",
            "must be mask-aligned"),
        Case.fails(
            "overlapping",
            with(MC, CIDRS, "[10.66.0.0/16, 10.66.10.0/24]"),
            CIDRS + "[1]",
            "must not overlap 10.66.0.0/16"),
        Case.failsUpdate("emptied", MC, with(MC, CIDRS, "[]"), CIDRS, "can't be emptied once set"),
        Case.failsUpdate("removed", MC, with(MC, CIDRS, "~"), CIDRS, "can't be emptied once set"),
        Case.okUpdate(
            "a pool added", MC, with(MC, CIDRS, "[10.66.10.0/24, 10.66.20.0/24, 10.66.30.0/24]")),
        Case.okUpdate("unused pool removed", MC, with(MC, CIDRS, "[10.66.10.0/24]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) {
    c.check(new ResourceAdmission());
  }

  @Test
  void poolWithLeasedAddressesCannotBeRemoved() {
    var facts =
        new FixedFacts(List.of(), List.of(), List.of(), Set.of("10.66.20.77", "10.66.10.14"));
    Case.failsUpdate(
            "leased pool removed",
            MC,
            with(MC, CIDRS, "[10.66.10.0/24]"),
            CIDRS,
            "can't remove 10.66.20.0/24: 1 address(es) in it are still leased")
        .check(new ResourceAdmission(facts));
    Case.okUpdate("leased pool kept", MC, with(MC, CIDRS, "[10.66.20.0/24, 10.66.10.0/24]"))
        .check(new ResourceAdmission(facts));
  }

  @Test
  void typedAccessorReadsTheFreeFormSettings() {
    ModuleConfig mc = Serialization.jsonMapper().convertValue(MC, ModuleConfig.class);
    assertThat(mc.getSpec().virtualMachineCIDRs())
        .containsExactly("10.66.10.0/24", "10.66.20.0/24");
    assertThat((Object) Serialization.jsonMapper().valueToTree(mc)).isEqualTo(MC);
  }
}

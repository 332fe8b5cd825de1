package io.vmconsole.nodeagent.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {
  @Test
  void usesTheConsolesAddressesWhenTheyFit() {
    NetworkPlan p =
        NetworkPlan.of(
            new VmSpec.Nic("10.66.10.14", 24, "10.66.10.1", List.of("10.66.10.2"), null), "vm");
    assertEquals("10.66.10.0", p.network());
    assertEquals("10.66.10.1", p.gateway());
    assertEquals("10.66.10.2", p.dns());
    assertTrue(p.mac().startsWith("52:54:00:"));
  }

  @Test
  void gatewayAndDnsNeverEqualTheGuest() {
    NetworkPlan p =
        NetworkPlan.of(new VmSpec.Nic("10.0.0.1", 29, "10.0.0.1", List.of("10.0.0.1"), null), "vm");
    assertEquals("10.0.0.2", p.gateway());
    assertEquals("10.0.0.3", p.dns());
  }

  @Test
  void networkAddressIsNotAGuestAddress() {
    assertThrows(
        BadRequestException.class,
        () -> NetworkPlan.of(new VmSpec.Nic("10.0.0.0", 24, null, List.of(), null), "vm"));
  }

  @Test
  void rendersNoCloudNetworkConfigV2() {
    NetworkPlan p =
        NetworkPlan.of(
            new VmSpec.Nic("10.0.2.15", 24, "10.0.2.2", List.of("10.0.2.3"), "52:54:00:12:34:56"),
            "vm");
    assertEquals(
        "version: 2\nethernets:\n  eth0:\n    match:\n      macaddress: \"52:54:00:12:34:56\"\n"
            + "    addresses: [10.0.2.15/24]\n    routes:\n      - to: default\n"
            + "        via: 10.0.2.2\n    nameservers:\n      addresses: [10.0.2.3]\n",
        p.networkConfig());
  }
}

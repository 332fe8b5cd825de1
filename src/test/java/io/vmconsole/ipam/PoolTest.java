package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.api.validation.Ipv4;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolTest {
  private final Pool pool = Pool.of(List.of("10.66.10.0/24", "10.66.20.0/24"));

  private static long ip(String s) {
    return Ipv4.parse(s).orElseThrow();
  }

  @Test
  void lowestFreeSkipsNetworkGatewayAndDns() {
    assertThat(pool.lowestFree(Set.of()).map(Pool::format)).contains("10.66.10.3");
    assertThat(pool.lowestFree(Set.of(ip("10.66.10.3"), ip("10.66.10.5"))).map(Pool::format))
        .contains("10.66.10.4");
  }

  @Test
  void walksTheCidrsInOrderAndEndsExhausted() {
    Set<Long> taken = new HashSet<>();
    for (long a = ip("10.66.10.0"); a <= ip("10.66.10.255"); a++) {
      taken.add(a);
    }
    assertThat(pool.lowestFree(taken).map(Pool::format)).contains("10.66.20.3");
    Pool tiny = Pool.of(List.of("10.1.0.0/30"));
    assertThat(tiny.lowestFree(Set.of(ip("10.1.0.1"), ip("10.1.0.2")))).isEmpty();
    assertThat(Pool.capacity(Ipv4.parseCidr("10.1.0.0/22").orElseThrow())).isEqualTo(1020);
    assertThat(Pool.capacity(Ipv4.parseCidr("10.1.0.0/30").orElseThrow())).isEqualTo(2);
  }

  @Test
  void refusalsNameTheRule() {
    assertThat(pool.refusal(ip("10.66.20.77"))).isEmpty();
    assertThat(pool.refusal(ip("10.66.30.1"))).contains("is outside virtualMachineCIDRs");
    assertThat(pool.refusal(ip("10.66.20.0")))
        .contains("is the network or broadcast address of 10.66.20.0/24");
    assertThat(pool.refusal(ip("10.66.20.255")))
        .contains("is the network or broadcast address of 10.66.20.0/24");
    assertThat(pool.refusal(ip("10.66.20.1")))
        .contains("is reserved for the gateway of 10.66.20.0/24");
    assertThat(pool.refusal(ip("10.66.20.2")))
        .contains("is reserved for the DNS server of 10.66.20.0/24");
  }

  @Test
  void nicCarriesPrefixGatewayAndDns() {
    assertThat(pool.nic("10.66.20.77"))
        .contains(new Pool.Nic("10.66.20.77", 24, "10.66.20.1", List.of("10.66.20.2")));
    assertThat(pool.nic("192.168.0.1")).isEmpty();
  }
}

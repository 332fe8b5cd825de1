package io.vmconsole.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.api.ipam.LeaseNames;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parsers the rules stand on. */
class Ipv4AndQuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "1Gi, 1073741824",
    "512Mi, 536870912",
    "1G, 1000000000",
    "1.5Ki, 1536",
    "100m, 0.1",
    "1e3, 1000",
    "7, 7"
  })
  void quantities(String text, String value) {
    assertThat(Quantities.parse(text))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Gi", "1GiB", "1 Gi", "one", "1gi"})
  void notQuantities(String text) {
    assertThat(Quantities.parse(text)).isEmpty();
  }

  @Test
  void cidrs() {
    Ipv4.Cidr cidr = Ipv4.parseCidr("10.66.10.0/24").orElseThrow();
    assertThat(cidr.size()).isEqualTo(256);
    assertThat(cidr.contains(Ipv4.parse("10.66.10.255").orElseThrow())).isTrue();
    assertThat(cidr.contains(Ipv4.parse("10.66.11.0").orElseThrow())).isFalse();
    assertThat(cidr.overlaps(Ipv4.parseCidr("10.66.0.0/16").orElseThrow())).isTrue();
    assertThat(cidr.overlaps(Ipv4.parseCidr("10.66.11.0/24").orElseThrow())).isFalse();
    assertThat(Ipv4.isAligned("10.66.10.0/24")).isTrue();
    assertThat(Ipv4.isAligned("10.66.10.1/24")).isFalse();
    assertThat(Ipv4.isAligned("10.66.10.1/32")).isTrue();
    assertThat(Ipv4.parseCidr("10.66.10.0/33")).isEmpty();
    assertThat(Ipv4.parse("10.66.10.256")).isEmpty();
    assertThat(Ipv4.parse("010.1.1.1")).isEmpty();
  }

  @Test
  void leaseNames() {
    assertThat(LeaseNames.fromAddress("10.66.10.14")).isEqualTo("ip-10-66-10-14");
    assertThat(LeaseNames.toAddress("ip-10-66-10-14")).contains("10.66.10.14");
    assertThat(LeaseNames.toAddress("ip-10-66-10")).isEmpty();
    assertThat(LeaseNames.toAddress("linux-vm-7prpx")).isEmpty();
  }

  @Test
  void socketsFollowTheCoreCount() {
    assertThat(VirtualMachineRules.sockets(16)).isEqualTo(1);
    assertThat(VirtualMachineRules.sockets(17)).isEqualTo(2);
    assertThat(VirtualMachineRules.sockets(33)).isEqualTo(4);
    assertThat(VirtualMachineRules.sockets(65)).isEqualTo(8);
  }
}

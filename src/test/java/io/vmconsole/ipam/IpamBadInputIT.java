package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.module.ModuleConfig;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refused input names the field and the rule, through kubectl and through the console; nothing is
 * written.
 */
class IpamBadInputIT extends ConsoleIntegrationTest {
  private static final List<String> POOL = List.of("10.66.10.0/24", "10.66.20.0/24");

  @Autowired IpAddressService service;

  @AfterEach
  void clearAuthentication() {
    SecurityContextHolder.clearContext();
  }

  private void signIn(Role role, List<String> namespaces) {
    String name = newUser("ipam-" + role.name().toLowerCase(), role, namespaces);
    ConsoleUser principal = new ConsoleUser(users.find(name).orElseThrow(), false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }

  private VirtualMachineIPAddress vmip(String ns, String name) {
    return client.resources(VirtualMachineIPAddress.class).inNamespace(ns).withName(name).get();
  }

  private List<String> storedCidrs() {
    return client
        .resources(ModuleConfig.class)
        .withName("virtualization")
        .get()
        .getSpec()
        .virtualMachineCIDRs();
  }

  private static String staticVmip(String name, String ip) {
    return """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineIPAddress
        metadata: {name: %s}
        spec: {type: Static, staticIP: "%s"}
        """
        .formatted(name, ip);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.99.0.5     | spec.staticIP: must be inside virtualMachineCIDRs 10.66.10.0/24, 10.66.20.0/24 (got 10.99.0.5)",
        "10.66.10.0    | spec.staticIP: must not be the first or last address of its CIDR (got 10.66.10.0)",
        "10.66.20.255  | spec.staticIP: must not be the first or last address of its CIDR (got 10.66.20.255)",
        "10.66.10.300  | spec.staticIP: must be a valid IPv4 address (got \"10.66.10.300\")",
        "not-an-ip     | spec.staticIP: must be a valid IPv4 address (got \"not-an-ip\")"
      })
  void aBadStaticAddressIsRefusedByTheApiAndTheForm(String ip, String message) throws Exception {
    String ns = newNamespace("ipam-bad");
    Kubectl.Result r = kubectl().runWithInput(staticVmip("bad", ip), "apply", "-n", ns, "-f", "-");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains(message);
    signIn(Role.OPERATOR, List.of(ns));
    assertThatThrownBy(() -> service.reserveStatic(ns, "bad", ip))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
    assertThat(vmip(ns, "bad")).isNull();
  }

  @Test
  void anAddressBoundToAnotherVmipIsRefused() throws Exception {
    String ns = newNamespace("ipam-bound");
    assertThat(
            kubectl()
                .runWithInput(staticVmip("first", "10.66.20.50"), "apply", "-n", ns, "-f", "-")
                .exit())
        .isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                vmip(ns, "first").getStatus() != null
                    && "Bound".equals(vmip(ns, "first").getStatus().phase()));
    String message =
        "spec.staticIP: the IP address 10.66.20.50 has already been allocated and has not been released";
    Kubectl.Result r =
        kubectl().runWithInput(staticVmip("second", "10.66.20.50"), "apply", "-n", ns, "-f", "-");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains(message);
    signIn(Role.OPERATOR, List.of(ns));
    assertThatThrownBy(() -> service.reserveStatic(ns, "second", "10.66.20.50"))
        .hasMessageContaining(message);
    assertThatThrownBy(() -> service.reserveStatic(ns, "first", "10.66.20.51"))
        .hasMessageContaining(
            "metadata.name: a VirtualMachineIPAddress named first already exists");
    assertThat(vmip(ns, "second")).isNull();

    // The pool can't lose a CIDR that still has leases.
    String removal = "spec.settings.virtualMachineCIDRs: can't remove 10.66.20.0/24";
    Kubectl.Result patch =
        kubectl()
            .run(
                "patch",
                "moduleconfig",
                "virtualization",
                "--type=merge",
                "-p",
                "{\"spec\":{\"settings\":{\"virtualMachineCIDRs\":[\"10.66.10.0/24\"]}}}");
    assertThat(patch.exit()).isNotZero();
    assertThat(patch.err()).contains(removal);
    signIn(Role.ADMIN, List.of());
    assertThatThrownBy(() -> service.saveCidrs(List.of("10.66.10.0/24")))
        .hasMessageContaining(removal);
    assertThat(storedCidrs()).isEqualTo(POOL);
    assertThat(kubectl().run("delete", "vmip", "first", "-n", ns).exit()).isZero();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.66.10.0/24,10.66.20.0/24,10.66.10.128/25 | spec.settings.virtualMachineCIDRs[2]: must not overlap 10.66.10.0/24 (got \"10.66.10.128/25\")",
        "10.66.10.0/24,10.66.20.0/24,10.66.30.5/24   | spec.settings.virtualMachineCIDRs[2]: must be mask-aligned",
        "10.66.10.0/24,10.66.20.0/24,10.66.40.0/33   | spec.settings.virtualMachineCIDRs[2]: must be an IPv4 CIDR",
        "''                                          | spec.settings.virtualMachineCIDRs: can't be emptied once set"
      })
  void aBadPoolIsRefusedByTheApiAndTheSettingsPage(String list, String message) throws Exception {
    List<String> cidrs = list.isEmpty() ? List.of() : List.of(list.split(","));
    String json = cidrs.stream().map(c -> "\"" + c + "\"").reduce((a, b) -> a + "," + b).orElse("");
    Kubectl.Result r =
        kubectl()
            .run(
                "patch",
                "moduleconfig",
                "virtualization",
                "--type=merge",
                "-p",
                "{\"spec\":{\"settings\":{\"virtualMachineCIDRs\":[" + json + "]}}}");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains(message);
    signIn(Role.ADMIN, List.of());
    assertThatThrownBy(() -> service.saveCidrs(cidrs))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
    assertThat(storedCidrs()).isEqualTo(POOL);
  }

  @Test
  void theGatewayAndDnsAddressesStayPendingWithTheReason() throws Exception {
    String ns = newNamespace("ipam-gw");
    assertThat(
            kubectl()
                .runWithInput(staticVmip("gw", "10.66.20.1"), "apply", "-n", ns, "-f", "-")
                .exit())
        .isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> VmipStatuses.pendingMessage(vmip(ns, "gw").getStatus()) != null);
    assertThat(VmipStatuses.pendingMessage(vmip(ns, "gw").getStatus()))
        .isEqualTo("spec.staticIP 10.66.20.1 is reserved for the gateway of 10.66.20.0/24");
    assertThat(
            client
                .resources(io.vmconsole.api.ipam.VirtualMachineIPAddressLease.class)
                .withName("ip-10-66-20-1")
                .get())
        .isNull();
  }

  @Test
  void onlyAdminsChangeThePoolAndOnlyOperatorsReserve() {
    String ns = newNamespace("ipam-acl");
    signIn(Role.VIEWER, List.of(ns));
    assertThatThrownBy(() -> service.reserveStatic(ns, "x", "10.66.20.60"))
        .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    assertThatThrownBy(() -> service.saveCidrs(POOL))
        .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    assertThat(vmip(ns, "x")).isNull();
  }
}

package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Kubectl;
import io.vmconsole.testsupport.TestVms;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The seed's "IP Addresses of virtual machines", "Requesting the required IP address" and
 * "Retaining".
 */
class IpamSeedIT extends ConsoleIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private VirtualMachineIPAddress vmip(String ns, String name) {
    return client.resources(VirtualMachineIPAddress.class).inNamespace(ns).withName(name).get();
  }

  private VirtualMachineIPAddressLease lease(String name) {
    return client.resources(VirtualMachineIPAddressLease.class).withName(name).get();
  }

  private static String phase(VirtualMachineIPAddress v) {
    return v == null || v.getStatus() == null ? null : v.getStatus().phase();
  }

  private Kubectl.Result ok(Kubectl.Result r) {
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  private String vmStatus(String ns, String vm, String field) throws Exception {
    return ok(kubectl().run("get", "vm", vm, "-n", ns, "-o", "jsonpath={.status." + field + "}"))
        .out();
  }

  private void createVm(String ns, String name, String vmipName) {
    TestVms.createFromYaml(
        client,
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: %s, namespace: %s}
        spec:
          virtualMachineClassName: generic
          runPolicy: Manual
          cpu: {cores: 1, coreFraction: 10%%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: %s-root}]
        %s"""
            .formatted(
                name,
                ns,
                name,
                vmipName == null ? "" : "  virtualMachineIPAddressName: " + vmipName + "\n"));
  }

  @Test
  void aVmGetsAnAutoAddressShownByKubectlGetVmipAndVmipl() throws Exception {
    String ns = newNamespace("seed-auto");
    createVm(ns, "linux-vm", null);
    await()
        .atMost(WAIT)
        .until(() -> !vmStatus(ns, "linux-vm", "virtualMachineIPAddressName").isEmpty());
    String vmipName = vmStatus(ns, "linux-vm", "virtualMachineIPAddressName");
    assertThat(vmipName).matches("linux-vm-[a-z0-9]{5}");
    await().atMost(WAIT).until(() -> "Attached".equals(phase(vmip(ns, vmipName))));
    String address = vmip(ns, vmipName).getStatus().address();
    await().atMost(WAIT).until(() -> address.equals(vmStatus(ns, "linux-vm", "ipAddress")));
    assertThat(vmip(ns, vmipName).getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("linux-vm"));

    String vmips = ok(kubectl().run("get", "vmip", "-n", ns)).out();
    assertThat(vmips.lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "ADDRESS", "STATUS", "VM", "AGE");
    assertThat(vmips)
        .containsPattern(
            vmipName + "\\s+" + address.replace(".", "\\.") + "\\s+Attached\\s+linux-vm\\s+\\d+s");

    String leaseName = "ip-" + address.replace('.', '-');
    String leases = ok(kubectl().run("get", "vmipl", leaseName)).out();
    assertThat(leases.lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "VIRTUALMACHINEIPADDRESS", "STATUS", "AGE");
    assertThat(leases)
        .contains(leaseName + "   {\"name\":\"" + vmipName + "\",\"namespace\":\"" + ns + "\"}")
        .containsPattern("\\s+Bound\\s+\\d+s");
  }

  @Test
  void theStaticAddressOfTheSeedIsBoundThenAttachedToTheVmThatNamesIt() throws Exception {
    String ns = newNamespace("seed-static");
    ok(
        kubectl()
            .runWithInput(
                """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineIPAddress
        metadata:
          name: linux-vm-custom-ip
        spec:
          staticIP: 10.66.20.77
          type: Static
        """,
                "apply",
                "-n",
                ns,
                "-f",
                "-"));
    await().atMost(WAIT).until(() -> "Bound".equals(phase(vmip(ns, "linux-vm-custom-ip"))));
    assertThat(ok(kubectl().run("get", "vmip", "-n", ns)).out())
        .containsPattern("linux-vm-custom-ip\\s+10\\.66\\.20\\.77\\s+Bound\\s+\\d+s");

    createVm(ns, "linux-vm", "linux-vm-custom-ip");
    await().atMost(WAIT).until(() -> "Attached".equals(phase(vmip(ns, "linux-vm-custom-ip"))));
    assertThat(ok(kubectl().run("get", "vmip", "-n", ns)).out())
        .containsPattern(
            "linux-vm-custom-ip\\s+10\\.66\\.20\\.77\\s+Attached\\s+linux-vm\\s+\\d+s");
    await().atMost(WAIT).until(() -> "10.66.20.77".equals(vmStatus(ns, "linux-vm", "ipAddress")));
    assertThat(ok(kubectl().run("get", "vmipl", "ip-10-66-20-77")).out())
        .contains("{\"name\":\"linux-vm-custom-ip\",\"namespace\":\"" + ns + "\"}");
    // A vmip the VM names is not owned by it: deleting the VM leaves the address Bound.
    TestVms.delete(client, ns, "linux-vm");
    await().atMost(WAIT).until(() -> "Bound".equals(phase(vmip(ns, "linux-vm-custom-ip"))));
    ok(kubectl().run("delete", "vmip", "linux-vm-custom-ip", "-n", ns));
    await().atMost(WAIT).until(() -> lease("ip-10-66-20-77") == null);
  }

  @Test
  void keepIpWalkthroughRetentionAndNamespaces() throws Exception {
    String ns = newNamespace("seed-keep");
    String other = newNamespace("seed-other");
    createVm(ns, "linux-vm", null);
    await()
        .atMost(WAIT)
        .until(() -> !vmStatus(ns, "linux-vm", "virtualMachineIPAddressName").isEmpty());
    String vmipName =
        ok(kubectl()
                .run(
                    "get",
                    "vm",
                    "linux-vm",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.status.virtualMachineIPAddressName}"))
            .out();
    await().atMost(WAIT).until(() -> "Attached".equals(phase(vmip(ns, vmipName))));
    String address = vmip(ns, vmipName).getStatus().address();
    String leaseName = "ip-" + address.replace('.', '-');

    ok(
        kubectl()
            .run(
                "patch",
                "vmip",
                vmipName,
                "-n",
                ns,
                "--type=merge",
                "--patch",
                "{\"metadata\":{\"ownerReferences\":null}}"));
    assertThat(vmip(ns, vmipName).getMetadata().getOwnerReferences()).isEmpty();
    TestVms.delete(client, ns, "linux-vm");
    await().atMost(WAIT).until(() -> "Bound".equals(phase(vmip(ns, vmipName))));
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> vmip(ns, vmipName) != null);

    createVm(ns, "linux-vm-2", vmipName);
    await()
        .atMost(WAIT)
        .until(
            () ->
                "Attached".equals(phase(vmip(ns, vmipName)))
                    && "linux-vm-2".equals(vmip(ns, vmipName).getStatus().virtualMachineName()));
    await().atMost(WAIT).until(() -> address.equals(vmStatus(ns, "linux-vm-2", "ipAddress")));
    TestVms.delete(client, ns, "linux-vm-2");
    await().atMost(WAIT).until(() -> "Bound".equals(phase(vmip(ns, vmipName))));

    ok(kubectl().run("delete", "vmip", vmipName, "-n", ns));
    await()
        .atMost(WAIT)
        .until(
            () ->
                lease(leaseName) != null
                    && lease(leaseName).getStatus() != null
                    && "Released".equals(lease(leaseName).getStatus().phase()));
    assertThat(ok(kubectl().run("get", "vmipl", leaseName)).out())
        .containsPattern(leaseName + "\\s+\\{\"namespace\":\"" + ns + "\"\\}\\s+Released");

    String staticYaml =
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineIPAddress
        metadata:
          name: linux-vm-custom-ip
        spec:
          staticIP: %s
          type: Static
        """
            .formatted(address);
    ok(kubectl().runWithInput(staticYaml, "apply", "-n", other, "-f", "-"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                VmipStatuses.pendingMessage(
                        vmip(other, "linux-vm-custom-ip") == null
                            ? null
                            : vmip(other, "linux-vm-custom-ip").getStatus())
                    != null);
    assertThat(VmipStatuses.pendingMessage(vmip(other, "linux-vm-custom-ip").getStatus()))
        .contains("belongs to a different namespace");
    ok(kubectl().run("delete", "vmip", "linux-vm-custom-ip", "-n", other));

    ok(kubectl().runWithInput(staticYaml, "apply", "-n", ns, "-f", "-"));
    await().atMost(WAIT).until(() -> "Bound".equals(phase(vmip(ns, "linux-vm-custom-ip"))));
    assertThat(vmip(ns, "linux-vm-custom-ip").getStatus().address()).isEqualTo(address);
    assertThat(lease(leaseName).getSpec().virtualMachineIPAddressRef().name())
        .isEqualTo("linux-vm-custom-ip");

    ok(kubectl().run("delete", "vmip", "linux-vm-custom-ip", "-n", ns));
    await()
        .atMost(WAIT)
        .until(
            () ->
                lease(leaseName) != null
                    && "Released".equals(lease(leaseName).getStatus().phase()));
    await().atMost(Duration.ofSeconds(60)).until(() -> lease(leaseName) == null);
  }
}

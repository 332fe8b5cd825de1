package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedImageTest {
  private static VmSpec spec(VmSpec.Provisioning p) {
    return new VmSpec("web", "ns", 1, 100, 1 << 30, List.of(), p, null, new VmSpec.Ssh(false));
  }

  @Test
  void noCloudSeedRendersNetworkConfigFromTheNic() {
    VmSpec s = spec(new VmSpec.Provisioning("cloudInit", "#cloud-config\n", null, null, null));
    Map<String, String> f = SeedImage.files("uid-1", s, NetworkPlan.of(null, "uid-1"));
    assertEquals(List.of("user-data", "meta-data", "network-config"), List.copyOf(f.keySet()));
    assertEquals("instance-id: uid-1\nlocal-hostname: web\n", f.get("meta-data"));
    assertTrue(f.get("network-config").contains("addresses: [10.0.2.15/24]"));
  }

  @Test
  void sysprepPutsTheAnswerFileOnTheCd() {
    VmSpec s = spec(new VmSpec.Provisioning("sysprep", null, null, null, "<unattend/>"));
    Map<String, String> f = SeedImage.files("u", s, NetworkPlan.of(null, "u"));
    assertEquals("<unattend/>", f.get("autounattend.xml"));
  }
}

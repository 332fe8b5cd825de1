package io.vmconsole.nodeagent.qemu;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provisioning CD: a NoCloud seed (ISO labelled {@code cidata} with user-data, meta-data and
 * the network-config rendered from the NIC) or a Sysprep answer file (as {@code autounattend.xml},
 * which Windows Setup looks for on removable media).
 */
public final class SeedImage {
  private SeedImage() {}

  /** File name → content, pure so it can be table-tested. */
  public static Map<String, String> files(String vmId, VmSpec spec, NetworkPlan net) {
    Map<String, String> files = new LinkedHashMap<>();
    VmSpec.Provisioning p = spec.provisioning();
    if (p != null && "sysprep".equals(p.type())) {
      files.put("autounattend.xml", p.unattend());
      files.put("unattend.xml", p.unattend());
      return files;
    }
    String userData = p == null || p.userData() == null ? "#cloud-config\n" : p.userData();
    String metaData =
        p != null && p.metaData() != null
            ? p.metaData()
            : "instance-id: " + vmId + "\nlocal-hostname: " + spec.name() + "\n";
    String network =
        p != null && p.networkConfig() != null ? p.networkConfig() : net.networkConfig();
    files.put("user-data", userData);
    files.put("meta-data", metaData);
    files.put("network-config", network);
    return files;
  }

  public static void build(Path dir, Path iso, Map<String, String> files)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of("genisoimage", "-quiet", "-output", iso.toString()));
    cmd.addAll(
        List.of(
            "-volid", files.containsKey("user-data") ? "cidata" : "SYSPREP", "-joliet", "-rock"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      cmd.add(p.toString());
    }
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0) {
      proc.destroyForcibly();
      throw new IOException("genisoimage failed: " + out);
    }
  }
}

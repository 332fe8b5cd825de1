package io.vmconsole.api.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Placeholder pods stand for a VM's QEMU on its node (see DESIGN.md, issue 8), so drain and the
 * scheduler of a real cluster see the VM. Named like KubeVirt's launcher pods; the suffix is
 * derived from the VM's uid and the node, so the source and target pods of a migration differ and a
 * restarted controller finds the same names.
 */
public final class PlaceholderPods {
  public static final String VM_LABEL = "vm.kubevirt.internal.virtualization.deckhouse.io/name";

  private PlaceholderPods() {}

  public static String podName(String vmName, String vmUid, String node) {
    byte[] digest;
    try {
      digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((vmUid + "/" + node).getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String prefix = "virt-launcher-" + vmName;
    if (prefix.length() > 57) {
      prefix = prefix.substring(0, 57);
    }
    return prefix + "-" + HexFormat.of().formatHex(digest).substring(0, 5);
  }
}

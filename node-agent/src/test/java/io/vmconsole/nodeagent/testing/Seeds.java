package io.vmconsole.nodeagent.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Specs and cloud-init user-data as the console sends them. */
public final class Seeds {
  public static final String CLOUD_HASH =
      "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/";
  public static final String FINAL_MESSAGE = "The system is finally up, after $UPTIME seconds";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Seeds() {}

  public static String userData(String hostname, String sshKey) {
    return "#cloud-config\n"
        + "hostname: "
        + hostname
        + "\n"
        + "users:\n"
        + "  - default\n"
        + "  - name: cloud\n"
        + "    passwd: \""
        + CLOUD_HASH
        + "\"\n"
        + "    lock_passwd: false\n"
        + "    shell: /bin/sh\n"
        + (sshKey == null ? "" : "    ssh_authorized_keys:\n      - " + sshKey + "\n")
        // Root gets the same password, so a test can log in as root and run poweroff.
        + "runcmd:\n"
        + "  - sed -i 's|^root:!:|root:"
        + CLOUD_HASH
        + ":|' /etc/shadow\n"
        + "final_message: \""
        + FINAL_MESSAGE
        + "\"\n";
  }

  /** A spec with the root disk, the seed, a NIC in 10.20.0.0/24 and the SSH forward. */
  public static ObjectNode spec(String name, int cores, Path rootDisk, String sshKey) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", name).put("namespace", "it").put("cores", cores);
    s.put("coreFraction", "100%").put("memoryBytes", 256L << 20);
    ArrayNode disks = s.putArray("disks");
    disks
        .addObject()
        .put("id", "root-" + name)
        .put("path", rootDisk.toString())
        .put("format", "qcow2");
    s.putObject("provisioning").put("type", "cloudInit").put("userData", userData(name, sshKey));
    ObjectNode nic = s.putObject("nic");
    nic.put("address", "10.20.0.15").put("prefix", 24).put("gateway", "10.20.0.1");
    nic.putArray("dns").add("10.20.0.3");
    s.putObject("ssh").put("forward", true);
    return s;
  }

  /** An ed25519 key pair for the seed: returns the public key line. */
  public static String sshKey(Path dir) throws Exception {
    Path key = dir.resolve("id");
    GuestImage.run(
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "it", "-f", key.toString()),
        30);
    return Files.readString(dir.resolve("id.pub")).strip();
  }
}

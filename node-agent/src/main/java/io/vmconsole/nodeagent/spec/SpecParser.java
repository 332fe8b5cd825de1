package io.vmconsole.nodeagent.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON → {@link VmSpec}, refusing anything QEMU would choke on with the name of the field. Runs
 * before anything is written or started, so a 400 leaves no trace.
 */
public final class SpecParser {
  public static final int MAX_CORES = 255;
  public static final long MIN_MEMORY = 16L << 20;
  public static final long MAX_MEMORY = 1L << 40;
  private static final Pattern VM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,26}");
  private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DiskPaths diskPaths;

  public SpecParser(DiskPaths diskPaths) {
    this.diskPaths = diskPaths;
  }

  /** VM ids become directory names: only what a Kubernetes uid can hold. */
  public static String checkVmId(String vmId) {
    if (vmId == null || !VM_ID.matcher(vmId).matches()) {
      throw new BadRequestException("vmId", "vmId must be a uid ([A-Za-z0-9-], ≤ 63 chars)");
    }
    return vmId;
  }

  public VmSpec parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("spec", "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("spec", "the spec must be a JSON object");
    }
    return parse(root);
  }

  public VmSpec parse(JsonNode root) {
    String name = text(root, "name", "spec.name", "vm");
    String namespace = text(root, "namespace", "spec.namespace", "");
    int cores = integer(root.get("cores"), "spec.cores", 1);
    if (cores < 1 || cores > MAX_CORES) {
      throw new BadRequestException(
          "spec.cores", "cores must be 1.." + MAX_CORES + ", got " + cores);
    }
    int fraction = coreFraction(root.get("coreFraction"));
    // memoryBytes, as a status reports it (a migration target gets the source's); "memory" is
    // the same integer under the name the API had first.
    long memory =
        root.has("memory")
            ? memory(root.get("memory"), "spec.memory")
            : memory(root.get("memoryBytes"), "spec.memoryBytes");
    List<VmSpec.Disk> disks = disks(root.get("disks"));
    VmSpec.Provisioning provisioning = provisioning(root.get("provisioning"));
    VmSpec.Nic nic = nic(root.get("nic"));
    boolean ssh = root.path("ssh").path("forward").asBoolean(false);
    return new VmSpec(
        name, namespace, cores, fraction, memory, disks, provisioning, nic, new VmSpec.Ssh(ssh));
  }

  /** Also used by PATCH. */
  public static int coreFraction(JsonNode n) {
    if (n == null || n.isNull()) {
      return 100;
    }
    int f;
    try {
      f = n.isNumber() ? n.intValue() : SpecQuantities.percent(n.asText());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("spec.coreFraction", "coreFraction must be like \"10%\"");
    }
    if (f < 1 || f > 100) {
      throw new BadRequestException("spec.coreFraction", "coreFraction must be 1%..100%");
    }
    return f;
  }

  /**
   * Guest RAM in bytes: an integer only. Quantity strings ("1Gi", "0.375Gi", "1e9") are the
   * console's to parse, with Kubernetes' grammar, exactly; a second parser here would disagree with
   * it on some valid quantity and leave a VM pending for ever. QEMU gets it rounded up to whole
   * MiB.
   */
  private static long memory(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      throw new BadRequestException(
          "spec.memoryBytes", "memoryBytes is required: the guest's RAM as an integer of bytes");
    }
    if (n.isTextual()) {
      throw new BadRequestException(
          field,
          "must be an integer number of bytes, not a string (got \""
              + n.asText()
              + "\"): quantities such as \"1Gi\" are converted by the console");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new BadRequestException(field, "must be an integer number of bytes, got " + n);
    }
    long bytes = n.longValue();
    if (bytes < MIN_MEMORY || bytes > MAX_MEMORY) {
      throw new BadRequestException(field, "must be 16Mi..1Ti (in bytes), got " + n);
    }
    return bytes;
  }

  private List<VmSpec.Disk> disks(JsonNode n) {
    List<VmSpec.Disk> disks = new ArrayList<>();
    if (n == null || n.isNull()) {
      return disks;
    }
    if (!n.isArray()) {
      throw new BadRequestException("spec.disks", "disks must be a list");
    }
    Set<String> ids = new HashSet<>();
    Set<String> nodeNames = new HashSet<>();
    Set<Integer> scsiIds = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      VmSpec.Disk d = disk(n.get(i), "spec.disks[" + i + "]");
      if (!ids.add(d.id())) {
        throw new BadRequestException("spec.disks[" + i + "].id", "duplicate disk id " + d.id());
      }
      if (!nodeNames.add(d.nodeName())) {
        throw new BadRequestException(
            "spec.disks[" + i + "].nodeName", "duplicate node name " + d.nodeName());
      }
      if (d.scsiId() != null && !scsiIds.add(d.scsiId())) {
        throw new BadRequestException(
            "spec.disks[" + i + "].scsiId", "duplicate scsiId " + d.scsiId());
      }
      disks.add(d);
    }
    return disks;
  }

  /** One disk; also what hotplug receives. */
  public VmSpec.Disk disk(JsonNode d, String field) {
    if (d == null || !d.isObject()) {
      throw new BadRequestException(field, "a disk must be an object");
    }
    String id = text(d, "id", field + ".id", null);
    if (id == null || !VM_ID.matcher(id).matches()) {
      throw new BadRequestException(field + ".id", "disk id must be a uid ([A-Za-z0-9-])");
    }
    String nodeName = text(d, "nodeName", field + ".nodeName", defaultNodeName(id));
    if (!NODE_NAME.matcher(nodeName).matches()) {
      throw new BadRequestException(
          field + ".nodeName", "nodeName must match " + NODE_NAME.pattern());
    }
    String media = text(d, "media", field + ".media", "disk");
    if (!media.equals("disk") && !media.equals("cdrom")) {
      throw new BadRequestException(field + ".media", "media must be disk or cdrom");
    }
    String format = text(d, "format", field + ".format", media.equals("cdrom") ? "raw" : "qcow2");
    if (!format.equals("qcow2") && !format.equals("raw")) {
      throw new BadRequestException(field + ".format", "format must be qcow2 or raw");
    }
    String path = text(d, "path", field + ".path", null);
    if (path == null) {
      throw new BadRequestException(field + ".path", "path is required");
    }
    String real = diskPaths.check(path, format, field + ".path");
    boolean readOnly = media.equals("cdrom") || d.path("readOnly").asBoolean(false);
    Integer scsiId = null;
    JsonNode sid = d.get("scsiId");
    if (sid != null && !sid.isNull()) {
      if (!sid.canConvertToInt()
          || !sid.isIntegralNumber()
          || sid.asInt() < 0
          || sid.asInt() > ScsiIds.MAX_DISK_ID) {
        throw new BadRequestException(
            field + ".scsiId", "scsiId must be a whole number 0.." + ScsiIds.MAX_DISK_ID);
      }
      scsiId = sid.asInt();
    }
    return new VmSpec.Disk(id, nodeName, real, format, readOnly, media, scsiId);
  }

  /** {@code d-} + the first 8 hex digits of the uid: short enough for QEMU's node-name limit. */
  static String defaultNodeName(String id) {
    String hex = id.replace("-", "").toLowerCase();
    return "d-" + hex.substring(0, Math.min(8, hex.length()));
  }

  private static VmSpec.Provisioning provisioning(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String type = text(n, "type", "spec.provisioning.type", null);
    if ("cloudInit".equals(type)) {
      String userData = text(n, "userData", "spec.provisioning.userData", "");
      return new VmSpec.Provisioning(
          type,
          userData,
          text(n, "metaData", "spec.provisioning.metaData", null),
          text(n, "networkConfig", "spec.provisioning.networkConfig", null),
          null);
    }
    if ("sysprep".equals(type)) {
      String unattend = text(n, "unattend", "spec.provisioning.unattend", null);
      if (unattend == null || unattend.isBlank()) {
        throw new BadRequestException("spec.provisioning.unattend", "sysprep needs unattend XML");
      }
      return new VmSpec.Provisioning(type, null, null, null, unattend);
    }
    throw new BadRequestException(
        "spec.provisioning.type", "provisioning type must be cloudInit or sysprep");
  }

  private static VmSpec.Nic nic(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String address = text(n, "address", "spec.nic.address", null);
    int prefix = integer(n.get("prefix"), "spec.nic.prefix", 24);
    if (prefix < 8 || prefix > 30) {
      throw new BadRequestException("spec.nic.prefix", "prefix must be 8..30");
    }
    Ipv4.parse(address, "spec.nic.address");
    String gateway = text(n, "gateway", "spec.nic.gateway", null);
    if (gateway != null) {
      Ipv4.parse(gateway, "spec.nic.gateway");
    }
    List<String> dns = new ArrayList<>();
    JsonNode d = n.get("dns");
    if (d != null && d.isArray()) {
      for (int i = 0; i < d.size(); i++) {
        Ipv4.parse(d.get(i).asText(), "spec.nic.dns[" + i + "]");
        dns.add(d.get(i).asText());
      }
    } else if (d != null && d.isTextual()) {
      Ipv4.parse(d.asText(), "spec.nic.dns");
      dns.add(d.asText());
    }
    String mac = text(n, "mac", "spec.nic.mac", null);
    if (mac != null && !MAC.matcher(mac).matches()) {
      throw new BadRequestException("spec.nic.mac", "mac must be like 52:54:00:12:34:56");
    }
    return new VmSpec.Nic(address, prefix, gateway, dns, mac);
  }

  private static String text(JsonNode n, String key, String field, String dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new BadRequestException(field, field + " must be a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode v, String field, int dflt) {
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadRequestException(field, field + " must be an integer");
    }
    return v.intValue();
  }
}

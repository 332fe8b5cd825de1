package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent says of one VM: its state (Starting, Running, Stopping, Stopped, Crashed), why, the
 * QEMU pid while active, and the spec it runs (or will run).
 */
public record AgentVm(
    String vmId,
    String state,
    String reason,
    String since,
    Long pid,
    boolean guestAgentUp,
    JsonNode raw) {

  public static AgentVm of(JsonNode status) {
    JsonNode pid = status.path("pid");
    return new AgentVm(
        status.path("vmId").asText(),
        status.path("state").asText(),
        status.path("reason").asText(null),
        status.path("since").asText(null),
        pid.isNumber() ? pid.asLong() : null,
        "up".equals(status.path("guest").path("agent").asText()),
        status);
  }

  public boolean active() {
    return state.equals("Starting") || state.equals("Running") || state.equals("Stopping");
  }

  /** The VM's name, as the controller defined it (spec.name). */
  public String name() {
    return spec().path("name").asText("");
  }

  /** The VM's namespace, as the controller defined it (spec.namespace). */
  public String namespace() {
    return spec().path("namespace").asText("");
  }

  public int cores() {
    return spec().path("cores").asInt(0);
  }

  /** The spec it runs (hot-plugged disks included), as the agent wrote it. */
  public JsonNode spec() {
    return raw.path("spec");
  }

  /** The guest's RAM as the agent runs it, in bytes. */
  public long memoryBytes() {
    return spec().path("memoryBytes").asLong(0);
  }

  /** spec.coreFraction as the agent runs it, in percent (e.g. "20"). */
  public String coreFraction() {
    return spec().path("coreFraction").asText();
  }

  /** The disks in the order QEMU has them: the spec's, then hot-plugged ones. */
  public java.util.List<Disk> disks() {
    java.util.List<Disk> disks = new java.util.ArrayList<>();
    spec()
        .path("disks")
        .forEach(
            d ->
                disks.add(
                    new Disk(
                        d.path("id").asText(), d.path("media").asText("disk").equals("cdrom"))));
    return disks;
  }

  /**
   * What the guest calls the device of this disk ("sdb", "sr1"), as the agent tracks it while the
   * VM runs; empty when it does not run or the agent does not say.
   */
  public java.util.Optional<String> deviceName(String diskId) {
    JsonNode name = raw.path("deviceNames").path(diskId);
    return name.isTextual() ? java.util.Optional.of(name.asText()) : java.util.Optional.empty();
  }

  public boolean hasDisk(String diskId) {
    return disks().stream().anyMatch(d -> d.id().equals(diskId));
  }

  /**
   * One disk of the running spec: its id (the disk's or image's uid) and whether it is a cd-rom.
   */
  public record Disk(String id, boolean cdrom) {}
}

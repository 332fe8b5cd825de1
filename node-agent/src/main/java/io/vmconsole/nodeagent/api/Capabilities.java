package io.vmconsole.nodeagent.api;

import io.vmconsole.nodeagent.qemu.Accelerator;
import io.vmconsole.nodeagent.storage.StorageRoutes;
import java.util.List;

/** The body of {@code GET /v1/capabilities}; see API.md. */
public record Capabilities(
    String apiVersion,
    String agentVersion,
    String nodeName,
    Accelerator accelerator,
    Qemu qemu,
    boolean cgroupCpuQuota,
    List<Route.Call> calls,
    StorageRoutes.Capabilities storage) {

  /**
   * @param version null when QEMU is missing on the node
   */
  public record Qemu(String version) {}
}

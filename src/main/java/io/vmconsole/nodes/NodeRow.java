package io.vmconsole.nodes;

import java.util.List;

/**
 * One node as the Nodes page shows it. CPU in millicores, memory in bytes; allocated is what the
 * VMs placed there request.
 *
 * @param drain the drain state kept on the node (Draining, Cancelled, Drained) or null
 */
public record NodeRow(
    String name,
    boolean ready,
    String accelerator,
    boolean cordoned,
    String drain,
    long cpuCapacityMillis,
    long cpuAllocatedMillis,
    long memoryCapacityBytes,
    long memoryAllocatedBytes,
    List<String> vms) {}

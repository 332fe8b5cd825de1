package io.vmconsole.ipam;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The vmip status for each phase (api.md §3: Pending → Bound → Attached, conditions Bound and
 * Attached).
 */
final class VmipStatuses {
  static final String PENDING = "Pending";
  static final String BOUND = "Bound";
  static final String ATTACHED = "Attached";

  private VmipStatuses() {}

  static Status pending(String reason, String message) {
    return new Status(
        null,
        null,
        PENDING,
        List.of(
            condition(BOUND, false, reason, message),
            condition(ATTACHED, false, "NotBound", "the address is not bound yet")),
        null);
  }

  static Status bound(String address, String vmName) {
    boolean attached = vmName != null;
    return new Status(
        address,
        vmName,
        attached ? ATTACHED : BOUND,
        List.of(
            condition(
                BOUND,
                true,
                "Bound",
                "the lease " + io.vmconsole.api.ipam.LeaseNames.fromAddress(address) + " is bound"),
            attached
                ? condition(ATTACHED, true, "Attached", "used by VirtualMachine " + vmName)
                : condition(ATTACHED, false, "NotUsed", "no VirtualMachine uses this address")),
        null);
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  /** The Pending reason of a vmip's status, or null when it is not Pending. */
  static String pendingMessage(Status status) {
    if (status == null || !PENDING.equals(status.phase()) || status.conditions() == null) {
      return null;
    }
    return status.conditions().stream()
        .filter(c -> BOUND.equals(c.getType()))
        .map(Condition::getMessage)
        .findFirst()
        .orElse(null);
  }
}

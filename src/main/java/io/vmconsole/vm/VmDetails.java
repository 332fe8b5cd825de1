package io.vmconsole.vm;

import java.util.List;

/**
 * One VM as its page shows it.
 *
 * @param summary the list's view of it
 * @param conditions its status conditions
 * @param yaml the stored object as YAML
 */
public record VmDetails(VmSummary summary, List<Condition> conditions, String yaml) {

  /** A status condition. */
  public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {}
}

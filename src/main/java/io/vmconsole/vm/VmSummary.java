package io.vmconsole.vm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One VM as the list shows it: the printer columns of {@code kubectl get vm -o wide}, plus what the
 * list filters on. {@code problems} is non-empty when the stored object is malformed.
 */
public record VmSummary(
    String uid,
    String namespace,
    String name,
    String phase,
    String node,
    String ipAddress,
    Instant created,
    Map<String, String> labels,
    String cores,
    String coreFraction,
    String memory,
    String needRestart,
    String agent,
    String migratable,
    List<String> problems) {

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The key that identifies the row across updates (so scroll position and selection survive). */
  public String key() {
    return namespace + "/" + name;
  }
}

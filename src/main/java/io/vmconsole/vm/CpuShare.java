package io.vmconsole.vm;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What coreFraction means for a VM, in cores: a share it is guaranteed under contention (fraction ×
 * cores, the agent's cgroup weight) and the ceiling it may use when the host is idle (its cores).
 */
public final class CpuShare {
  private CpuShare() {}

  /** "guaranteed 0.1 core, up to 1 core"; empty when cores or fraction do not read as numbers. */
  public static Optional<String> describe(String cores, String coreFraction) {
    try {
      BigDecimal n = new BigDecimal(cores.strip());
      BigDecimal percent = new BigDecimal(coreFraction.strip().replace("%", ""));
      BigDecimal guaranteed = n.multiply(percent).movePointLeft(2).stripTrailingZeros();
      return Optional.of("guaranteed " + cores(guaranteed) + ", up to " + cores(n));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String cores(BigDecimal n) {
    return n.toPlainString() + (n.compareTo(BigDecimal.ONE) > 0 ? " cores" : " core");
  }
}

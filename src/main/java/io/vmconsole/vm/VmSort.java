package io.vmconsole.vm;

import java.util.Comparator;
import java.util.function.Function;

/** A column the VM list can sort by. */
public enum VmSort {
  NAME(VmSummary::name),
  NAMESPACE(VmSummary::namespace),
  PHASE(VmSummary::phase),
  NODE(VmSummary::node),
  IP_ADDRESS(VmSummary::ipAddress),
  CREATED(vm -> vm.created() == null ? "" : vm.created().toString());

  private final Function<VmSummary, String> key;

  VmSort(Function<VmSummary, String> key) {
    this.key = key;
  }

  Comparator<VmSummary> comparator(boolean descending) {
    Comparator<VmSummary> c = Comparator.comparing(vm -> nullToEmpty(key.apply(vm)));
    return descending ? c.reversed() : c;
  }

  /**
   * Whether a row changed from {@code before} to {@code after} keeps its place in a list sorted by
   * this.
   */
  public boolean samePlace(VmSummary before, VmSummary after) {
    return nullToEmpty(key.apply(before)).equals(nullToEmpty(key.apply(after)));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

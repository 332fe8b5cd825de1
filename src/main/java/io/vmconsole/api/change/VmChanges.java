package io.vmconsole.api.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes between two whole VirtualMachine objects, for the UI: the spec changes of {@link
 * SpecChanges} plus labels and annotations, which are not spec but which a person edits in the same
 * form and which apply at once. Status never counts.
 */
public final class VmChanges {

  private static final List<String> METADATA_BLOCKS = List.of("labels", "annotations");

  private VmChanges() {}

  /** Every change, ordered by path, each with its action from {@link ChangeRules}. */
  public static List<ClassifiedChange> classify(JsonNode currentVm, JsonNode desiredVm) {
    return classify(currentVm, desiredVm, null);
  }

  /**
   * As {@link #classify(JsonNode, JsonNode)}, filling an absent core fraction from the class.
   *
   * @param vmClass the VirtualMachineClass as JSON, or null when unknown
   */
  public static List<ClassifiedChange> classify(
      JsonNode currentVm, JsonNode desiredVm, JsonNode vmClass) {
    List<FieldChange> changes =
        new ArrayList<>(SpecChanges.between(spec(currentVm), spec(desiredVm), vmClass));
    for (String block : METADATA_BLOCKS) {
      // Labels and annotations as whole maps: the panel shows the map, and every key applies alike.
      JsonNode c = JsonValues.field(currentVm == null ? null : currentVm.get("metadata"), block);
      JsonNode d = JsonValues.field(desiredVm == null ? null : desiredVm.get("metadata"), block);
      if (!JsonValues.same(c, d)) {
        changes.add(FieldChange.of("metadata." + block, c, d));
      }
    }
    return SpecChanges.sorted(changes).stream().map(ClassifiedChange::of).toList();
  }

  /** True when any of the changes waits for a restart: the panel's summary line. */
  public static boolean needsRestart(List<ClassifiedChange> changes) {
    return changes.stream().anyMatch(ClassifiedChange::needsRestart);
  }

  private static JsonNode spec(JsonNode vm) {
    return vm == null ? null : vm.get("spec");
  }
}

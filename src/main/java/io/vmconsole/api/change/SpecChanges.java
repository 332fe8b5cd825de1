package io.vmconsole.api.change;

import static io.vmconsole.api.change.JsonValues.field;
import static io.vmconsole.api.change.JsonValues.same;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.validation.Quantities;
import io.vmconsole.api.validation.VirtualMachineDefaults;
import io.vmconsole.api.vm.RestartAwaitingChange;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmclass.VmClassObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The differences between two VM specs, at deckhouse vmchange's granularity: cpu.cores and
 * cpu.coreFraction apart (one "cpu" replace when both change), memory.size, blockDeviceRefs by
 * index, provisioning by sub-field, disruptions by sub-field, every other field (scalars,
 * nodeSelector, affinity, tolerations, networks…) as a whole. Both specs are defaulted first, so
 * writing a default value out is not a change. The inputs are never modified.
 */
public final class SpecChanges {
  private static final ObjectMapper STARTED_SPEC = new ObjectMapper();

  private SpecChanges() {}

  /** Every change from currentSpec to desiredSpec, ordered by path. */
  public static List<FieldChange> between(JsonNode currentSpec, JsonNode desiredSpec) {
    return between(currentSpec, desiredSpec, null);
  }

  /**
   * As {@link #between(JsonNode, JsonNode)}, also filling an absent cpu.coreFraction from the
   * class's sizing policy ({@link VirtualMachineDefaults#coreFraction}), so an explicit class
   * default is not a change either. Without a class an absent coreFraction stays absent: guessing
   * 100% would hide a real change on classes whose default is lower.
   *
   * @param vmClass the VirtualMachineClass as JSON, or null when unknown
   */
  public static List<FieldChange> between(
      JsonNode currentSpec, JsonNode desiredSpec, JsonNode vmClass) {
    JsonNode current = defaulted(currentSpec, vmClass);
    JsonNode desired = defaulted(desiredSpec, vmClass);
    List<FieldChange> changes = new ArrayList<>();
    for (String name : JsonValues.fieldNames(current, desired)) {
      JsonNode c = field(current, name);
      JsonNode d = field(desired, name);
      if (same(c, d)) {
        continue;
      }
      switch (name) {
        case "cpu" -> subFields(name, c, d, true, changes);
        case "memory", "disruptions" -> subFields(name, c, d, false, changes);
        case "provisioning" -> provisioning(c, d, changes);
        case "blockDeviceRefs" -> indexed(name, c, d, changes);
        default -> changes.add(FieldChange.of(name, c, d));
      }
    }
    return sorted(changes);
  }

  /** The changes that wait for a restart, as status.restartAwaitingChanges lists them. */
  public static List<RestartAwaitingChange> restartAwaitingChanges(
      JsonNode currentSpec, JsonNode desiredSpec) {
    return restartAwaitingChanges(currentSpec, desiredSpec, null);
  }

  /** As {@link #restartAwaitingChanges(JsonNode, JsonNode)}, with the class's core fraction. */
  public static List<RestartAwaitingChange> restartAwaitingChanges(
      JsonNode currentSpec, JsonNode desiredSpec, JsonNode vmClass) {
    return between(currentSpec, desiredSpec, vmClass).stream()
        .filter(FieldChange::needsRestart)
        .map(FieldChange::toRestartAwaitingChange)
        .toList();
  }

  /**
   * The VM's changes since the spec it was last started with, as that start recorded it (JSON
   * text); none when there is no such record or it is not readable.
   *
   * @param vmClass the VM's class, or null when unknown
   */
  public static List<RestartAwaitingChange> restartAwaitingChanges(
      String startedSpec, VmObject vm, VmClassObject vmClass) {
    JsonNode started;
    try {
      started = startedSpec == null ? null : STARTED_SPEC.readTree(startedSpec);
    } catch (java.io.IOException e) {
      return List.of();
    }
    return started == null
        ? List.of()
        : restartAwaitingChanges(started, vm.spec(), vmClass == null ? null : vmClass.json());
  }

  static List<FieldChange> sorted(List<FieldChange> changes) {
    return changes.stream()
        .sorted(Comparator.comparing(FieldChange::path, JsonValues.PATH_ORDER))
        .toList();
  }

  private static JsonNode defaulted(JsonNode spec, JsonNode vmClass) {
    ObjectNode vm = JsonNodeFactory.instance.objectNode();
    vm.set(
        "spec",
        spec != null && spec.isObject() ? spec.deepCopy() : JsonNodeFactory.instance.objectNode());
    VirtualMachineDefaults.apply(vm);
    JsonNode cpu = vm.path("spec").path("cpu");
    if (vmClass != null && cpu instanceof ObjectNode o && field(o, "coreFraction") == null) {
      o.put("coreFraction", VirtualMachineDefaults.coreFraction(vmClass, o.path("cores").asInt(1)));
    }
    return vm.get("spec");
  }

  /**
   * One change per changed sub-field. With mergeWhenMany (cpu), several changed sub-fields become
   * one change of the whole block, as vmchange emits a single "cpu" replace.
   */
  private static void subFields(
      String block, JsonNode c, JsonNode d, boolean mergeWhenMany, List<FieldChange> out) {
    if (c == null || d == null || !c.isObject() || !d.isObject()) {
      out.add(FieldChange.of(block, c, d));
      return;
    }
    List<FieldChange> parts = new ArrayList<>();
    for (String name : JsonValues.fieldNames(c, d)) {
      String path = block + "." + name;
      JsonNode cv = field(c, name);
      JsonNode dv = field(d, name);
      if (!equalAt(path, cv, dv)) {
        parts.add(FieldChange.of(path, cv, dv));
      }
    }
    if (mergeWhenMany && parts.size() > 1) {
      out.add(FieldChange.of(block, c, d));
    } else {
      out.addAll(parts);
    }
  }

  /** Quantities compare by amount: memory 1Gi → 1024Mi is the same memory. */
  private static boolean equalAt(String path, JsonNode c, JsonNode d) {
    if (path.equals("memory.size") && c != null && d != null) {
      var a = Quantities.parse(c);
      var b = Quantities.parse(d);
      if (a.isPresent() && b.isPresent()) {
        return a.get().compareTo(b.get()) == 0;
      }
    }
    return same(c, d);
  }

  /**
   * Provisioning: added, removed or switched to another type is one "provisioning" change (the
   * removal rule in {@link ChangeRules} needs the old block whole); otherwise by sub-field, with
   * the Secret references down to kind and name.
   */
  private static void provisioning(JsonNode c, JsonNode d, List<FieldChange> out) {
    if (c == null || d == null || !Objects.equals(field(c, "type"), field(d, "type"))) {
      out.add(FieldChange.of("provisioning", c, d));
      return;
    }
    for (String name : JsonValues.fieldNames(c, d)) {
      JsonNode cv = field(c, name);
      JsonNode dv = field(d, name);
      if (same(cv, dv)) {
        continue;
      }
      boolean reference = name.equals("userDataRef") || name.equals("sysprepRef");
      if (reference && cv != null && dv != null && cv.isObject() && dv.isObject()) {
        subFields("provisioning." + name, cv, dv, false, out);
      } else {
        out.add(FieldChange.of("provisioning." + name, cv, dv));
      }
    }
  }

  /**
   * A list compared position by position: each position that differs is one add, remove or replace,
   * so an add and a remove at the same index are already one replace, and a reorder (a boot order
   * change) is a replace at every position that moved.
   */
  private static void indexed(String block, JsonNode c, JsonNode d, List<FieldChange> out) {
    int cs = c == null || !c.isArray() ? 0 : c.size();
    int ds = d == null || !d.isArray() ? 0 : d.size();
    if ((c != null && !c.isArray()) || (d != null && !d.isArray())) {
      out.add(FieldChange.of(block, c, d));
      return;
    }
    for (int i = 0; i < Math.max(cs, ds); i++) {
      JsonNode cv = i < cs ? JsonValues.present(c.get(i)) : null;
      JsonNode dv = i < ds ? JsonValues.present(d.get(i)) : null;
      if (!same(cv, dv)) {
        out.add(FieldChange.of(block + "." + i, cv, dv));
      }
    }
  }
}

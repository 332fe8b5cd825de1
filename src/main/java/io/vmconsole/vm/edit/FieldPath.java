package io.vmconsole.vm.edit;

import java.util.List;

/**
 * A field inside a VM object as a list of segments, so label keys with dots ({@code
 * app.kubernetes.io/name}) stay one segment. Shown dotted, without the {@code spec.} prefix, as the
 * change table names fields.
 */
public record FieldPath(List<String> segments) {

  public FieldPath {
    segments = List.copyOf(segments);
  }

  /** Whether one path is the other or lies inside it: a change at either touches the other. */
  boolean overlaps(FieldPath other) {
    int n = Math.min(segments.size(), other.segments.size());
    return segments.subList(0, n).equals(other.segments.subList(0, n));
  }

  @Override
  public String toString() {
    List<String> shown =
        segments.size() > 1 && segments.get(0).equals("spec")
            ? segments.subList(1, segments.size())
            : segments;
    return String.join(".", shown);
  }
}

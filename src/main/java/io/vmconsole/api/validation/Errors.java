package io.vmconsole.api.validation;

import io.vmconsole.api.admission.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects broken rules while a review runs, so the user sees all of them at once. */
final class Errors {

  private final List<FieldError> list = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  void add(String field, String rule) {
    list.add(new FieldError(field, rule));
  }

  /** Something the writer should know that does not stop the write. */
  void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<FieldError> list() {
    return List.copyOf(list);
  }
}

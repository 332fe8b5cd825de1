package io.vmconsole.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer of an {@link Admission}: either the object to store, or the broken rules (nothing is
 * written); an allowed write may carry warnings (stored all the same; kubectl prints them).
 */
public record AdmissionResult(ObjectNode object, List<FieldError> errors, List<String> warnings) {

  public AdmissionResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public static AdmissionResult allowed(ObjectNode object) {
    return allowed(object, List.of());
  }

  public static AdmissionResult allowed(ObjectNode object, List<String> warnings) {
    return new AdmissionResult(object, List.of(), warnings);
  }

  public static AdmissionResult denied(List<FieldError> errors) {
    return new AdmissionResult(null, errors, List.of());
  }

  public boolean isAllowed() {
    return errors.isEmpty();
  }
}

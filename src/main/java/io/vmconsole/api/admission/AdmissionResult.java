package io.vmconsole.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer of an {@link Admission}: either the object to store, or the broken rules (nothing is
 * written).
 */
public record AdmissionResult(ObjectNode object, List<FieldError> errors) {

  public AdmissionResult {
    errors = List.copyOf(errors);
  }

  public static AdmissionResult allowed(ObjectNode object) {
    return new AdmissionResult(object, List.of());
  }

  public static AdmissionResult denied(List<FieldError> errors) {
    return new AdmissionResult(null, errors);
  }

  public boolean isAllowed() {
    return errors.isEmpty();
  }
}

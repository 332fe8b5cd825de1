package io.vmconsole.base;

import io.vmconsole.api.admission.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A request refused because of what the user typed; each error names the field and the rule. */
public class InvalidInputException extends RuntimeException {
  private final transient List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(String field, String rule) {
    this(List.of(new FieldError(field, rule)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}

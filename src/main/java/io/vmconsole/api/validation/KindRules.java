package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults and rules of one kind, on the raw object as it would be stored. */
interface KindRules {

  /** Fills absent fields with their defaults, in place. */
  default void applyDefaults(ObjectNode object) {}

  /**
   * Checks the object's spec rules.
   *
   * @param oldObject the stored object on update, null on create
   */
  void validate(ObjectNode object, ObjectNode oldObject, Errors errors);
}

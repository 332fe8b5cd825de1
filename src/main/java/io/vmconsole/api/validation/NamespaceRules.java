package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Namespace (core/v1): the name is a DNS-1123 label, as Kubernetes has it. Checked here because the
 * embedded API server has no other validation of core kinds, and `kubectl create namespace` takes
 * any string.
 */
final class NamespaceRules implements KindRules {

  @Override
  public void validate(ObjectNode ns, ObjectNode old, Errors errors) {
    if (old == null) {
      MetadataRules.label(Json.text(ns.path("metadata"), "name"), errors);
    }
  }
}

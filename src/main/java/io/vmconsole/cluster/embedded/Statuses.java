package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.FieldError;
import java.util.List;

/**
 * Kubernetes Status bodies with the reasons and messages a cluster gives, so kubectl prints them
 * alike.
 */
final class Statuses {

  private Statuses() {}

  /** An error response: HTTP code plus Status body. */
  record Failure(int code, ObjectNode body) {}

  static Failure failure(int code, String reason, String message, ObjectNode details) {
    ObjectNode s = Patches.JSON.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", message).put("reason", reason);
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return new Failure(code, s);
  }

  static ObjectNode details(ResourceKind kind, String name) {
    ObjectNode d = Patches.JSON.createObjectNode();
    if (name != null) {
      d.put("name", name);
    }
    d.put("group", kind.group()).put("kind", kind.plural());
    return d;
  }

  static Failure notFound(ResourceKind kind, String name) {
    return failure(
        404,
        "NotFound",
        kind.qualifiedPlural() + " \"" + name + "\" not found",
        details(kind, name));
  }

  static Failure namespaceNotFound(String namespace) {
    ObjectNode d = Patches.JSON.createObjectNode().put("name", namespace).put("kind", "namespaces");
    return failure(404, "NotFound", "namespaces \"" + namespace + "\" not found", d);
  }

  static Failure alreadyExists(ResourceKind kind, String name) {
    return failure(
        409,
        "AlreadyExists",
        kind.qualifiedPlural() + " \"" + name + "\" already exists",
        details(kind, name));
  }

  static Failure conflict(ResourceKind kind, String name) {
    return failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + kind.qualifiedPlural()
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        details(kind, name));
  }

  static Failure preconditionConflict(ResourceKind kind, String name, String what) {
    return failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + kind.qualifiedPlural()
            + " \""
            + name
            + "\": Precondition failed: "
            + what,
        details(kind, name));
  }

  static Failure invalid(ResourceKind kind, String name, List<FieldError> errors) {
    ObjectNode d = details(kind, name);
    d.put("kind", kind.kind());
    ArrayNode causes = d.putArray("causes");
    StringBuilder msg = new StringBuilder();
    for (FieldError e : errors) {
      causes
          .addObject()
          .put("reason", "FieldValueInvalid")
          .put("message", e.rule())
          .put("field", e.field());
      msg.append(msg.length() == 0 ? "" : ", ").append(e.message());
    }
    return failure(
        422, "Invalid", kind.qualifiedKind() + " \"" + name + "\" is invalid: " + msg, d);
  }

  static Failure unprocessable(String message) {
    return failure(422, "Invalid", message, null);
  }

  /** What a disruption budget answers when an eviction must wait; clients retry. */
  static Failure tooManyRequests(String message) {
    ObjectNode details = Patches.JSON.createObjectNode();
    details
        .putArray("causes")
        .addObject()
        .put("reason", "DisruptionBudget")
        .put("message", message);
    return failure(429, "TooManyRequests", message, details);
  }

  static Failure requestEntityTooLarge(long limit) {
    return failure(
        413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
  }

  static Failure badRequest(String message) {
    return failure(400, "BadRequest", message, null);
  }

  static Failure unauthorized() {
    return failure(401, "Unauthorized", "Unauthorized", null);
  }

  static Failure methodNotAllowed(String message) {
    return failure(405, "MethodNotAllowed", message, null);
  }

  static Failure unsupportedMediaType(String contentType) {
    return failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted"
            + " media types include: application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json; got "
            + contentType,
        null);
  }
}

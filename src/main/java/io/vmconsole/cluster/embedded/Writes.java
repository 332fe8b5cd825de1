package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.AdmissionRequest.Operation;
import io.vmconsole.api.admission.AdmissionResult;
import io.vmconsole.cluster.embedded.Patches.PatchFailure;
import io.vmconsole.cluster.embedded.Statuses.Failure;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The write rules of a cluster that the stock dispatcher lacks: AlreadyExists/Conflict,
 * resourceVersion preconditions (also on /status and delete), server-owned metadata, finalizers
 * with deletionTimestamp, generateName, RFC 7386 patches, and admission of every kind (the rules
 * say which kinds they check). Runs under the write lock.
 */
final class Writes {

  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StoredObjects store;
  private final Admission admission;

  Writes(StoredObjects store, Admission admission) {
    this.store = store;
    this.admission = admission;
  }

  ApiResponse create(ResourceKind kind, ApiPath path, String body) {
    ObjectNode obj;
    try {
      obj = Patches.parseObject(body);
    } catch (IllegalArgumentException e) {
      return ApiResponse.of(Statuses.badRequest("invalid body: " + e.getMessage()));
    }
    return result(createObject(kind, path, obj), 201);
  }

  private Object createObject(ResourceKind kind, ApiPath path, ObjectNode obj) {
    Failure misshapen = misshapen(kind, obj);
    if (misshapen != null) {
      return misshapen;
    }
    Failure tooLarge = overLimits(kind, obj);
    if (tooLarge != null) {
      return tooLarge;
    }
    ObjectNode meta = obj.with("metadata");
    String namespace =
        kind.namespaced()
            ? firstNonEmpty(path.namespace(), meta.path("namespace").asText(""), "default")
            : null;
    if (namespace != null
        && store.stored(ApiPath.parse("/api/v1/namespaces/" + namespace)) == null) {
      // As on a cluster: a typo in -n is an error, not a namespace nobody can see or select.
      return Statuses.namespaceNotFound(namespace);
    }
    String name = meta.path("name").asText("");
    if (name.isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
      do {
        name = meta.path("generateName").asText() + randomSuffix();
      } while (store.stored(path.withName(name, namespace)) != null);
    }
    if (name.isEmpty()) {
      return Statuses.unprocessable(
          kind.qualifiedKind()
              + " \"\" is invalid: metadata.name: Required value:"
              + " name or generateName is required");
    }
    ApiPath target = path.withName(name, namespace);
    if (store.stored(target) != null) {
      return Statuses.alreadyExists(kind, name);
    }
    obj.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    meta.remove("deletionTimestamp");
    meta.remove("resourceVersion");
    if (kind.custom()) {
      meta.put("generation", 1);
      // As on a cluster: with a status subresource, status is written only through /status.
      if (kind.statusSubresource()) {
        obj.remove("status");
      }
    }
    Object admitted = admit(kind, Operation.CREATE, target, null, obj, null);
    if (admitted instanceof Failure) {
      return admitted;
    }
    Written written = (Written) admitted;
    store.commit(target, written.object());
    return written;
  }

  ApiResponse update(ResourceKind kind, ApiPath path, String body) {
    ObjectNode old = path.name() == null ? null : store.stored(path);
    if (old == null) {
      return ApiResponse.of(Statuses.notFound(kind, path.name()));
    }
    ObjectNode incoming;
    try {
      incoming = Patches.parseObject(body);
    } catch (IllegalArgumentException e) {
      return ApiResponse.of(Statuses.badRequest("invalid body: " + e.getMessage()));
    }
    String rv = incoming.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(resourceVersion(old))) {
      return ApiResponse.of(Statuses.conflict(kind, path.name()));
    }
    return result(apply(kind, path, old, incoming), 200);
  }

  ApiResponse patch(ResourceKind kind, ApiPath path, String contentType, String body) {
    Patches.Type type = Patches.Type.fromContentType(contentType);
    if (type == null) {
      return ApiResponse.of(Statuses.unsupportedMediaType(contentType));
    }
    ObjectNode old = path.name() == null ? null : store.stored(path);
    if (old == null && type == Patches.Type.APPLY && path.subresource() == null) {
      try {
        ObjectNode applied = Patches.apply(type, Patches.JSON.createObjectNode(), body);
        applied.with("metadata").put("name", path.name());
        return result(createObject(kind, path, applied), 201);
      } catch (PatchFailure e) {
        return ApiResponse.of(Statuses.unprocessable(e.getMessage()));
      }
    }
    if (old == null) {
      return ApiResponse.of(Statuses.notFound(kind, path.name()));
    }
    ObjectNode patched;
    try {
      patched = Patches.apply(type, old, body);
    } catch (PatchFailure e) {
      return ApiResponse.of(Statuses.unprocessable(e.getMessage()));
    }
    String rv = patched.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(resourceVersion(old))) {
      return ApiResponse.of(Statuses.conflict(kind, path.name()));
    }
    return result(apply(kind, path, old, patched), 200);
  }

  ApiResponse delete(ResourceKind kind, ApiPath path, String body) {
    if (path.name() == null) {
      return deleteCollection(kind, path);
    }
    ObjectNode old = store.stored(path);
    if (old == null) {
      return ApiResponse.of(Statuses.notFound(kind, path.name()));
    }
    JsonNode pre;
    try {
      pre = body == null || body.isBlank() ? null : Patches.parseObject(body).path("preconditions");
    } catch (IllegalArgumentException e) {
      return ApiResponse.of(Statuses.badRequest("invalid DeleteOptions: " + e.getMessage()));
    }
    if (pre != null
        && pre.hasNonNull("resourceVersion")
        && !pre.get("resourceVersion").asText().equals(resourceVersion(old))) {
      return ApiResponse.of(
          Statuses.preconditionConflict(
              kind,
              path.name(),
              "ResourceVersion in precondition: "
                  + pre.get("resourceVersion").asText()
                  + ", ResourceVersion in object meta: "
                  + resourceVersion(old)));
    }
    if (pre != null
        && pre.hasNonNull("uid")
        && !pre.get("uid").asText().equals(old.path("metadata").path("uid").asText())) {
      return ApiResponse.of(
          Statuses.preconditionConflict(
              kind,
              path.name(),
              "UID in precondition: "
                  + pre.get("uid").asText()
                  + ", UID in object meta: "
                  + old.path("metadata").path("uid").asText()));
    }
    if (old.path("metadata").path("finalizers").size() > 0) {
      if (old.path("metadata").has("deletionTimestamp")) {
        return ApiResponse.json(200, old);
      }
      ObjectNode marked = old.deepCopy();
      marked
          .with("metadata")
          .put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
          .put("deletionGracePeriodSeconds", 0);
      store.commit(path, marked);
      return ApiResponse.json(200, marked);
    }
    ObjectNode gone = old.deepCopy();
    store.commitDeletion(path, gone);
    return ApiResponse.json(200, gone);
  }

  private ApiResponse deleteCollection(ResourceKind kind, ApiPath path) {
    ObjectNode list =
        Patches.JSON
            .createObjectNode()
            .put("apiVersion", kind.apiVersion())
            .put("kind", kind.kind() + "List");
    var items = list.putArray("items");
    for (ObjectNode o : store.list(path)) {
      JsonNode meta = o.path("metadata");
      ApiPath one = path.withName(meta.path("name").asText(), meta.path("namespace").asText(null));
      delete(kind, one, null);
      items.add(o);
    }
    list.putObject("metadata")
        .put("resourceVersion", String.valueOf(store.currentResourceVersion()));
    return ApiResponse.json(200, list);
  }

  /**
   * A 400 naming each envelope field of the wrong JSON type, as a cluster's decoder answers; else
   * null.
   */
  private static Failure misshapen(ResourceKind kind, ObjectNode object) {
    List<String> problems = ObjectShape.problems(object);
    if (problems.isEmpty()) {
      return null;
    }
    return Statuses.badRequest(
        kind.kind()
            + " in version \""
            + kind.version()
            + "\" cannot be handled as a "
            + kind.kind()
            + ": "
            + String.join(", ", problems));
  }

  /** A 422 when the object's metadata passes a limit every kind has ({@link MetadataLimits}). */
  private static Failure overLimits(ResourceKind kind, ObjectNode object) {
    return MetadataLimits.check(object)
        .map(
            e ->
                Statuses.invalid(kind, object.path("metadata").path("name").asText(""), List.of(e)))
        .orElse(null);
  }

  /**
   * Update and patch share this: keep server-owned fields, admit, skip no-ops, finish deletions.
   */
  private Object apply(ResourceKind kind, ApiPath path, ObjectNode old, ObjectNode incoming) {
    boolean status = "status".equals(path.subresource());
    ObjectNode next;
    if (status) {
      next = old.deepCopy();
      copyField(incoming, next, "status");
    } else {
      next = incoming;
      if (kind.statusSubresource()) {
        copyField(old, next, "status");
      }
    }
    Failure misshapen = misshapen(kind, next);
    if (misshapen != null) {
      return misshapen;
    }
    Failure tooLarge = overLimits(kind, next);
    if (tooLarge != null) {
      return tooLarge;
    }
    ObjectNode meta = next.with("metadata");
    JsonNode oldMeta = old.get("metadata");
    next.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
    for (String f :
        new String[] {
          "name",
          "namespace",
          "uid",
          "creationTimestamp",
          "generation",
          "deletionTimestamp",
          "deletionGracePeriodSeconds"
        }) {
      // A PUT carrying deletionTimestamp: null must not un-delete the object, nor can a PUT start
      // deletion.
      copyField(oldMeta, meta, f);
    }
    if (kind.custom() && !status && !Objects.equals(old.get("spec"), next.get("spec"))) {
      meta.put("generation", oldMeta.path("generation").asLong(1) + 1);
    }
    Object admitted = admit(kind, Operation.UPDATE, path, old, next, status ? "status" : null);
    if (admitted instanceof Failure) {
      return admitted;
    }
    List<String> warnings = ((Written) admitted).warnings();
    next = ((Written) admitted).object();
    next.with("metadata").put("resourceVersion", resourceVersion(old));
    if (next.equals(old)) {
      return new Written(old, warnings);
    }
    boolean deleting = next.path("metadata").has("deletionTimestamp");
    if (deleting && next.path("metadata").path("finalizers").size() == 0) {
      store.commitDeletion(path, next);
    } else {
      store.commit(path, next);
    }
    return new Written(next, warnings);
  }

  /** A write's outcome: the object as stored, and what admission warned of (kubectl prints it). */
  private record Written(ObjectNode object, List<String> warnings) {}

  /** The admitted object with admission's warnings ({@link Written}), or why it was refused. */
  private Object admit(
      ResourceKind kind,
      Operation op,
      ApiPath path,
      ObjectNode old,
      ObjectNode obj,
      String subresource) {
    if (admission == null) {
      return new Written(obj, List.of());
    }
    String name = obj.path("metadata").path("name").asText(null);
    AdmissionResult r =
        admission.review(
            new AdmissionRequest(
                op,
                kind.group(),
                kind.version(),
                kind.kind(),
                kind.namespaced() ? obj.path("metadata").path("namespace").asText(null) : null,
                name,
                old == null ? null : old.deepCopy(),
                obj,
                subresource));
    if (!r.isAllowed()) {
      return Statuses.invalid(kind, name, r.errors());
    }
    return new Written(r.object() == null ? obj : r.object(), r.warnings());
  }

  /**
   * The response to a write; admission's warnings go in Warning headers (code 299, as the API
   * server sends them), which kubectl prints as "Warning: …".
   */
  private static ApiResponse result(Object outcome, int code) {
    if (outcome instanceof Failure f) {
      return ApiResponse.of(f);
    }
    Written written = (Written) outcome;
    ApiResponse response = ApiResponse.json(code, written.object());
    written.warnings().forEach(response::warn);
    return response;
  }

  private static void copyField(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from == null ? null : from.get(field);
    if (v == null || v.isNull()) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  private static String resourceVersion(JsonNode obj) {
    return obj.path("metadata").path("resourceVersion").asText("");
  }

  /**
   * Five characters from the alphabet a cluster uses for generateName (no vowels, no look-alikes).
   */
  static String randomSuffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(ALPHANUMS.charAt(RANDOM.nextInt(ALPHANUMS.length())));
    }
    return b.toString();
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}

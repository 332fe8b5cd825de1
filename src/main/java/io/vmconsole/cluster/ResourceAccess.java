package io.vmconsole.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The typed way to one kind's objects, as plain JSON so callers stay free of the client. Writes
 * carry the object's resourceVersion: a stale write fails with {@link ConflictException} and the
 * caller retries from a fresh read. {@link #reconcile} is the idempotent "make it so" call.
 */
public final class ResourceAccess {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /**
   * Six attempts, 10 ms before the second and twice as long before each next one (0.3 s in all):
   * client-go's retry, with room for a VM whose status the controller writes often.
   */
  static final int CONFLICT_ATTEMPTS = 6;

  private static final long CONFLICT_PAUSE_MS = 10;

  private final KubernetesClient client;
  private final ResourceDefinitionContext kind;

  ResourceAccess(KubernetesClient client, ResourceDefinitionContext kind) {
    this.client = client;
    this.kind = kind;
  }

  public Optional<ObjectNode> get(String namespace, String name) {
    return call(
        () -> Optional.ofNullable(resource(namespace, name).get()).map(ResourceAccess::toJson));
  }

  public List<ObjectNode> list(String namespace) {
    return call(
        () -> ops(namespace).list().getItems().stream().map(ResourceAccess::toJson).toList());
  }

  /** Creates the object; an existing one of that name is a {@link ConflictException}. */
  public ObjectNode create(ObjectNode obj) {
    return call(() -> toJson(ops(namespaceOf(obj)).resource(fromJson(obj)).create()));
  }

  /** Replaces the whole object (not its status) if its resourceVersion is still current. */
  public ObjectNode update(ObjectNode obj) {
    return call(() -> toJson(ops(namespaceOf(obj)).resource(fromJson(obj)).update()));
  }

  /** Replaces the status if the object's resourceVersion is still current. */
  public ObjectNode updateStatus(ObjectNode obj) {
    return call(() -> toJson(ops(namespaceOf(obj)).resource(fromJson(obj)).updateStatus()));
  }

  /**
   * Makes the named object look like {@code desired} in its spec, labels and annotations (null
   * deletes it). Fields the server or others own (status, other annotations) are kept.
   *
   * @return the object as stored, or null after a delete
   */
  public ObjectNode reconcile(String namespace, String name, ObjectNode desired) {
    Optional<ObjectNode> current = get(namespace, name);
    if (desired == null) {
      current.ifPresent(c -> delete(namespace, name));
      return null;
    }
    if (current.isEmpty()) {
      try {
        return create(desired);
      } catch (ConflictException raced) {
        return reconcile(namespace, name, desired);
      }
    }
    ObjectNode merged = current.get().deepCopy();
    boolean changed = false;
    for (String field : new String[] {"spec", "data", "stringData", "type"}) {
      if (desired.has(field) && !Objects.equals(desired.get(field), merged.get(field))) {
        merged.set(field, desired.get(field));
        changed = true;
      }
    }
    for (String meta : new String[] {"labels", "annotations"}) {
      JsonNode want = desired.path("metadata").path(meta);
      ObjectNode have = merged.with("metadata").with(meta);
      for (var it = want.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().equals(have.get(e.getKey()))) {
          have.set(e.getKey(), e.getValue());
          changed = true;
        }
      }
    }
    return changed ? update(merged) : current.get();
  }

  public void delete(String namespace, String name) {
    call(() -> resource(namespace, name).delete());
  }

  /**
   * Changes the object from a fresh read and writes it, reading again when another writer won the
   * race. A change that leaves the object as it was writes nothing.
   *
   * @return the object as stored after the change, empty when there is no such object
   */
  public Optional<ObjectNode> modify(String namespace, String name, Consumer<ObjectNode> change) {
    return retryOnConflict(
        () -> get(namespace, name).map(current -> write(current, change, this::update)));
  }

  /**
   * {@link #modify} of the status alone (the status subresource): the spec and metadata stay as
   * stored.
   */
  public Optional<ObjectNode> modifyStatus(
      String namespace, String name, Consumer<ObjectNode> change) {
    return retryOnConflict(
        () -> get(namespace, name).map(current -> write(current, change, this::updateStatus)));
  }

  private static ObjectNode write(
      ObjectNode current, Consumer<ObjectNode> change, UnaryOperator<ObjectNode> how) {
    ObjectNode next = current.deepCopy();
    change.accept(next);
    return next.equals(current) ? current : how.apply(next);
  }

  /**
   * Runs a read-change-write until it does not lose a race, as client-go's RetryOnConflict does: a
   * few attempts a few milliseconds apart, then the last {@link ConflictException} is thrown. The
   * attempt must read afresh each time.
   */
  public static <T> T retryOnConflict(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (ConflictException lost) {
        if (n >= CONFLICT_ATTEMPTS) {
          throw lost;
        }
        pauseAfterConflict(CONFLICT_PAUSE_MS << (n - 1));
      }
    }
  }

  private static void pauseAfterConflict(long millis) {
    try {
      // Jitter, so that two writers that lost to each other do not meet again.
      Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a write", e);
    }
  }

  private Resource<GenericKubernetesResource> resource(String namespace, String name) {
    return ops(namespace).withName(name);
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      ops(String namespace) {
    var all = client.genericKubernetesResources(kind);
    return kind.isNamespaceScoped() ? all.inNamespace(namespace) : all;
  }

  private static String namespaceOf(ObjectNode obj) {
    JsonNode ns = obj.path("metadata").path("namespace");
    return ns.isTextual() ? ns.asText() : null;
  }

  static ObjectNode toJson(GenericKubernetesResource r) {
    return JSON.valueToTree(r);
  }

  static GenericKubernetesResource fromJson(ObjectNode obj) {
    return JSON.convertValue(obj, GenericKubernetesResource.class);
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new ConflictException(e.getMessage());
      }
      throw new ClusterException(e.getCode(), e.getMessage());
    }
  }

  /** A write lost a race (stale resourceVersion) or the name is taken: read again and retry. */
  public static final class ConflictException extends RuntimeException {
    ConflictException(String message) {
      super(message);
    }
  }

  /** Any other refusal of the API, with its HTTP code (0 when the server was not reached). */
  public static final class ClusterException extends RuntimeException {
    private final int code;

    ClusterException(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}

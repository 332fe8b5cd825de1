package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The start every reconciler of a finalizer-held kind shares (disks, attachments): read the object
 * fresh; gone → nothing to do; being deleted → release what it holds, once, while our finalizer
 * holds it; new → claim it with the finalizer first, so its deletion waits for us. Also its status
 * write and the finalizer's removal, so that the object's JSON is handled here and not in each
 * reconciler. A kind that holds nothing outside the API (images: their file is the pool's) has no
 * finalizer.
 */
public final class OwnedObject<T extends StoredObject> {
  private final ResourceAccess access;
  private final String finalizer;
  private final Function<JsonNode, T> view;

  /**
   * @param finalizer null for a kind the controller does not hold
   */
  public OwnedObject(ResourceAccess access, String finalizer, Function<JsonNode, T> view) {
    this.access = access;
    this.finalizer = finalizer;
    this.view = view;
  }

  /**
   * @param release what a deletion does before the finalizer goes (it calls {@link #letGo})
   * @param live what the object's reconcile does otherwise
   * @return when to look again (null: only on the next change)
   */
  public Duration reconcile(
      String namespace, String name, Function<T, Duration> release, Function<T, Duration> live) {
    Optional<ObjectNode> found = access.get(namespace, name);
    if (found.isEmpty()) {
      return null;
    }
    T object = view.apply(found.get());
    if (finalizer == null) {
      return live.apply(object);
    }
    if (object.deleting()) {
      return object.hasFinalizer(finalizer) ? release.apply(object) : null;
    }
    if (!object.hasFinalizer(finalizer)) {
      ObjectNode copy = found.get().deepCopy();
      Finalizers.add(copy, finalizer);
      access.update(copy);
      return Duration.ZERO;
    }
    return live.apply(object);
  }

  /** The object as the API has it now; the one given when it is gone. */
  public T fresh(T object) {
    return access.get(object.namespace(), object.name()).map(view).orElse(object);
  }

  /** Removes our finalizer from the object as it is now: a deletion goes on. */
  public void letGo(T object) {
    access.modify(
        object.namespace(), object.name(), current -> Finalizers.remove(current, finalizer));
  }

  /**
   * Writes the status (a typed record of the kind's status) when it differs from the object's.
   *
   * @return the object as stored after the write (the one given when nothing changed)
   */
  public T writeStatus(T object, Object status) {
    return StatusJson.withStatus(object, status)
        .map(copy -> view.apply(access.updateStatus(copy)))
        .orElse(object);
  }
}

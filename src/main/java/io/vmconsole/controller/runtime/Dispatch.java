package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.WorkQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * From the informer caches to the reconcilers' queues: each reconciler is registered once with its
 * queue and the {@link Watch}es that wake it; one listener per kind turns a changed object into
 * keys. The objects' JSON is handled here, so the rooms see only typed views.
 */
public final class Dispatch implements AutoCloseable {
  private final ControllerContext ctx;
  private final List<Registration> registrations = new ArrayList<>();

  /** A reconciler's queue and what wakes it. */
  private record Registration(WorkQueue queue, List<Watch> watches) {}

  public Dispatch(ControllerContext ctx) {
    this.ctx = ctx;
  }

  /** Registers a reconciler: its queue, how many workers it has, and the changes that wake it. */
  public WorkQueue register(String name, int workers, Reconciler reconciler, List<Watch> watches) {
    WorkQueue queue = WorkQueue.requeueing(name, workers, reconciler::reconcile);
    registrations.add(new Registration(queue, watches));
    return queue;
  }

  /**
   * Starts listening: per kind, the index updates first, then every watch of the kind.
   *
   * @param indexes what keeps the controller's indexes current
   */
  public void listen(List<IndexUpdate> indexes) {
    Map<Kind, List<Consumer<JsonNode>>> byKind = new LinkedHashMap<>();
    indexes.forEach(i -> byKind.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i.apply()));
    dispatchers(false)
        .forEach(
            (kind, watches) ->
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(watches));
    byKind.forEach(
        (kind, handlers) ->
            ctx.cache(kind).addJsonListener(json -> handlers.forEach(h -> h.accept(json))));
  }

  /** Every object of a resyncing watch's kind, through its watches: one listing per kind. */
  public void resync() {
    for (Map.Entry<Kind, List<Consumer<JsonNode>>> kind : dispatchers(true).entrySet()) {
      for (JsonNode json : ctx.cache(kind.getKey()).listJson()) {
        kind.getValue().forEach(d -> d.accept(json));
      }
    }
  }

  /**
   * Per kind, what a change of one object does: each watch's keys into its queues. A watch that
   * several reconcilers share (a VM's and its operations') is asked for its keys once.
   */
  private Map<Kind, List<Consumer<JsonNode>>> dispatchers(boolean resyncOnly) {
    Map<Watch, List<WorkQueue>> queues = new LinkedHashMap<>();
    for (Registration r : registrations) {
      for (Watch w : r.watches()) {
        if (!resyncOnly || w.atResync()) {
          queues.computeIfAbsent(w, k -> new ArrayList<>()).add(r.queue());
        }
      }
    }
    Map<Kind, List<Consumer<JsonNode>>> byKind = new LinkedHashMap<>();
    queues.forEach(
        (w, qs) ->
            byKind
                .computeIfAbsent(w.kind(), k -> new ArrayList<>())
                .add(json -> w.keys().apply(json).forEach(key -> qs.forEach(q -> q.add(key)))));
    return byKind;
  }

  @Override
  public void close() {
    registrations.forEach(r -> r.queue().close());
  }
}

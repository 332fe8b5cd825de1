package io.vmconsole.api.core;

/**
 * A drain started from the console (issue 8 §4) is kept on the Node, so it survives a reload and a
 * console restart: the annotation holds the state, the controller's drain reconciler acts on it,
 * and the Evict operations it makes carry the node in a label so their progress can be read per VM.
 */
public final class NodeDrain {
  /**
   * On the Node: {@link #DRAINING}, {@link #CANCELLED} or {@link #DRAINED}; absent when no drain.
   */
  public static final String ANNOTATION = "vmconsole.io/drain";

  public static final String DRAINING = "Draining";
  public static final String CANCELLED = "Cancelled";
  public static final String DRAINED = "Drained";

  /** On the Evict operations a drain makes: the node being drained. */
  public static final String NODE_LABEL = "vmconsole.io/drain-node";

  /**
   * On every Evict operation made for maintenance: {@link #REASON_DRAIN} or {@link
   * #REASON_EVICTION}.
   */
  public static final String REASON_LABEL = "vmconsole.io/reason";

  public static final String REASON_DRAIN = "drain";

  /** An Evict made because kubectl drain evicted the VM's placeholder pod. */
  public static final String REASON_EVICTION = "eviction";

  /** Migrations started from one node at a time (the reference's outbound limit per node). */
  public static final int PARALLEL_PER_NODE = 2;

  private NodeDrain() {}
}

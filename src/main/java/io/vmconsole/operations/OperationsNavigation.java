package io.vmconsole.operations;

/** Where the operations page lives, for links from other features. */
public final class OperationsNavigation {
  public static final String ROUTE = "operations";

  private OperationsNavigation() {}
}

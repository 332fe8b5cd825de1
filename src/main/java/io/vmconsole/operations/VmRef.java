package io.vmconsole.operations;

/** A VM named by namespace and name, the target of an operation. */
public record VmRef(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

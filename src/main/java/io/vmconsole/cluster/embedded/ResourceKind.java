package io.vmconsole.cluster.embedded;

import java.util.List;

/**
 * What the server knows about one kind: enough for discovery, tables, keys and admission.
 *
 * @param custom true for kinds defined by a CRD (admission applies to those)
 */
record ResourceKind(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    boolean namespaced,
    boolean statusSubresource,
    List<PrinterColumn> printerColumns,
    boolean custom) {

  /** One additionalPrinterColumn of a CRD. */
  record PrinterColumn(
      String name, String type, String jsonPath, int priority, String description) {}

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * {@code virtualmachines.virtualization.deckhouse.io}, as a cluster names a resource in messages.
   */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /**
   * {@code VirtualMachine.virtualization.deckhouse.io}, as a cluster names a kind in 422 messages.
   */
  String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}

package io.vmconsole.cluster.embedded;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.vmconsole.cluster.embedded.ResourceKind.PrinterColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the server serves: a fixed set of core kinds plus every CRD it was given or sees
 * created.
 */
final class KindRegistry {

  private final Map<String, ResourceKind> byGroupVersionPlural = new ConcurrentHashMap<>();

  KindRegistry() {
    core("", "Namespace", "namespaces", false, true, "ns");
    core("", "Node", "nodes", false, true, "no");
    core("", "Pod", "pods", true, true, "po");
    core("", "Secret", "secrets", true, false);
    core("", "ConfigMap", "configmaps", true, false, "cm");
    core("", "Event", "events", true, false, "ev");
    core("", "Service", "services", true, true, "svc");
    core("", "ServiceAccount", "serviceaccounts", true, false, "sa");
    core(
        "apiextensions.k8s.io",
        "CustomResourceDefinition",
        "customresourcedefinitions",
        false,
        true,
        "crd",
        "crds");
    core("coordination.k8s.io", "Lease", "leases", true, false);
    // Besides what it is, the "policy" group it puts in discovery is what kubectl before 1.22
    // (Debian 12's
    // 1.20) looks for before it evicts pods in a drain; without it, it deletes them and the VMs
    // stop.
    core("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, true, "pdb");
    core("events.k8s.io", "Event", "events", true, false, "ev");
  }

  private void core(
      String group,
      String kind,
      String plural,
      boolean namespaced,
      boolean status,
      String... shortNames) {
    register(
        new ResourceKind(
            group,
            "v1",
            kind,
            plural,
            kind.toLowerCase(),
            List.of(shortNames),
            namespaced,
            status,
            List.of(),
            false));
  }

  void register(ResourceKind kind) {
    byGroupVersionPlural.put(key(kind.group(), kind.version(), kind.plural()), kind);
  }

  /**
   * Every served version of a CRD becomes a kind; columns come from that version's printer columns.
   */
  List<ResourceKind> register(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    var names = spec.getNames();
    List<ResourceKind> added = new ArrayList<>();
    for (CustomResourceDefinitionVersion v : spec.getVersions()) {
      if (Boolean.FALSE.equals(v.getServed())) {
        continue;
      }
      List<PrinterColumn> columns = new ArrayList<>();
      if (v.getAdditionalPrinterColumns() != null) {
        v.getAdditionalPrinterColumns()
            .forEach(
                c ->
                    columns.add(
                        new PrinterColumn(
                            c.getName(),
                            c.getType(),
                            c.getJsonPath(),
                            c.getPriority() == null ? 0 : c.getPriority(),
                            c.getDescription() == null ? "" : c.getDescription())));
      }
      boolean status = v.getSubresources() != null && v.getSubresources().getStatus() != null;
      ResourceKind kind =
          new ResourceKind(
              spec.getGroup(),
              v.getName(),
              names.getKind(),
              names.getPlural(),
              names.getSingular() == null ? names.getKind().toLowerCase() : names.getSingular(),
              names.getShortNames() == null ? List.of() : List.copyOf(names.getShortNames()),
              "Namespaced".equals(spec.getScope()),
              status,
              List.copyOf(columns),
              true);
      register(kind);
      added.add(kind);
    }
    return added;
  }

  Optional<ResourceKind> find(String group, String version, String plural) {
    return Optional.ofNullable(byGroupVersionPlural.get(key(group, version, plural)));
  }

  /** The kind an object of apiVersion/kind is stored as (used when reloading files and CRDs). */
  Optional<ResourceKind> findByKind(String apiVersion, String kind) {
    return byGroupVersionPlural.values().stream()
        .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind))
        .findFirst();
  }

  Collection<ResourceKind> all() {
    return byGroupVersionPlural.values();
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}

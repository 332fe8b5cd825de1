package io.vmconsole.api.module;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Deckhouse's per-module settings object; the one named "virtualization" holds the VM address pool.
 * Settings stay free-form (each module has its own schema); virtualMachineCIDRs gets a typed
 * accessor because the IP allocator and the admission rules read it.
 */
@Group("deckhouse.io")
@Version("v1alpha1")
@Plural("moduleconfigs")
@AdditionalPrinterColumn(name = "Enabled", jsonPath = ".spec.enabled", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ModuleConfig extends CustomResource<ModuleConfig.Spec, ModuleConfig.Status> {

  /** The ModuleConfig of the virtualization module. */
  public static final String VIRTUALIZATION = "virtualization";

  public static final String CIDRS_SETTING = "virtualMachineCIDRs";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(Boolean enabled, Integer version, @PreserveUnknownFields JsonNode settings) {

    /** settings.virtualMachineCIDRs, empty when unset. */
    @JsonIgnore
    public List<String> virtualMachineCIDRs() {
      List<String> cidrs = new ArrayList<>();
      if (settings != null && settings.path(CIDRS_SETTING).isArray()) {
        settings.path(CIDRS_SETTING).forEach(n -> cidrs.add(n.asText()));
      }
      return cidrs;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String message, String version) {}
}

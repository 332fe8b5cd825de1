package io.vmconsole.api.ipam;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * The cluster-wide lock on one IPv4 address; its name is the address ({@code ip-10-66-10-14}), so
 * the API server's "already exists" is what makes two claims on one address lose and win (api.md
 * §4).
 */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualmachineipaddressleases")
@ShortNames({"vmipl", "vmiplease"})
@AdditionalPrinterColumn(
    name = "VirtualMachineIPAddress",
    jsonPath = ".spec.virtualMachineIPAddressRef",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachineIPAddressLease
    extends CustomResource<VirtualMachineIPAddressLease.Spec, VirtualMachineIPAddressLease.Status> {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(IpAddressRef virtualMachineIPAddressRef) {}

  /**
   * Name first, as kubectl shows it in the seed. The name is cleared when the vmip is gone; the
   * namespace stays so only that namespace may retake it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"name", "namespace"})
  public record IpAddressRef(String namespace, String name) {}

  /** Phase: Bound or Released. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String phase, List<Condition> conditions, Long observedGeneration) {}
}

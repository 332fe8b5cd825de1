package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.vmconsole.api.common.DataSource;

/** A read-only image in a project (api.md §7); immutable after creation. */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualimages")
@ShortNames("vi")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "CDROM", jsonPath = ".status.cdrom", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "StoredSize",
    jsonPath = ".status.size.stored",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "UnpackedSize",
    jsonPath = ".status.size.unpacked",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Registry URL",
    jsonPath = ".status.target.registryURL",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "TargetPVC",
    jsonPath = ".status.target.persistentVolumeClaimName",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualImage extends CustomResource<VirtualImage.Spec, ImageStatus>
    implements Namespaced {

  public enum Storage {
    ContainerRegistry,
    PersistentVolumeClaim,
    Kubernetes
  }

  @ValidationRule(value = "self == oldSelf", message = "spec is immutable")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(
      Storage storage,
      PersistentVolumeClaim persistentVolumeClaim,
      @Required DataSource dataSource) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PersistentVolumeClaim(String storageClassName) {}
}

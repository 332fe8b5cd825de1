package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.vmconsole.api.common.DataSource;

/** A read-only image for every project (api.md §7); cluster-scoped and immutable after creation. */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("clustervirtualimages")
@ShortNames("cvi")
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
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ClusterVirtualImage extends CustomResource<ClusterVirtualImage.Spec, ImageStatus> {

  @ValidationRule(value = "self == oldSelf", message = "spec is immutable")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(@Required DataSource dataSource) {}
}

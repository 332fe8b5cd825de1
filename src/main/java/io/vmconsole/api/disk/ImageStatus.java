package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.vmconsole.api.common.ImageTransfer.DownloadSpeed;
import io.vmconsole.api.common.ImageTransfer.UploadUrls;
import java.util.List;

/**
 * Observed state of a VirtualImage or ClusterVirtualImage (api.md §7). One type for both: only
 * persistentVolumeClaimName (VI) and usedInNamespaces (CVI) differ, and absent fields stay absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageStatus(
    String phase,
    String progress,
    DownloadSpeed downloadSpeed,
    Size size,
    String format,
    Boolean cdrom,
    Target target,
    UploadUrls imageUploadURLs,
    String storageClassName,
    String sourceUID,
    List<String> usedInNamespaces,
    List<Condition> conditions,
    Long observedGeneration) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Size(String stored, String storedBytes, String unpacked, String unpackedBytes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String registryURL, String persistentVolumeClaimName) {}
}

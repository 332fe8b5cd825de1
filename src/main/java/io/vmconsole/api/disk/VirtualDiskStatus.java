package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.vmconsole.api.common.ImageTransfer.DownloadSpeed;
import io.vmconsole.api.common.ImageTransfer.UploadUrls;
import java.util.List;

/** Observed state of a disk (api.md §6). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualDiskStatus(
    String phase,
    String capacity,
    String progress,
    DownloadSpeed downloadSpeed,
    UploadUrls imageUploadURLs,
    Target target,
    List<AttachedVm> attachedToVirtualMachines,
    String storageClassName,
    /** Our extension: the node whose local pool holds a node-local disk (storage class "local"). */
    String nodeName,
    Stats stats,
    MigrationState migrationState,
    String sourceUID,
    List<Condition> conditions,
    Long observedGeneration) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String persistentVolumeClaimName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttachedVm(String name, Boolean mounted) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stats(CreationDuration creationDuration) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CreationDuration(
      String waitingForDependencies, String dvcrProvisioning, String totalProvisioning) {}

  /** A storage-class change in progress (commercial editions move the data to the new class). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MigrationState(
      String sourcePVC,
      String targetPVC,
      String result,
      String message,
      String startTimestamp,
      String endTimestamp) {}
}

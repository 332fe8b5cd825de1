package io.vmconsole.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Status pieces shared by disks and images while their content is imported or uploaded. */
public final class ImageTransfer {

  private ImageTransfer() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DownloadSpeed(String avg, String avgBytes, String current, String currentBytes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UploadUrls(String external, String inCluster) {}
}

package io.vmconsole.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * Where a disk or image gets its content from. One shape serves VirtualDisk, VirtualImage and
 * ClusterVirtualImage: the kinds accepted in objectRef and whether a namespace is carried differ
 * per kind, and the admission rules check that rather than three near-identical types.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSource(
    @Required DataSourceType type, Http http, ContainerImage containerImage, ObjectRef objectRef) {

  public enum DataSourceType {
    HTTP,
    ContainerImage,
    ObjectRef,
    Upload
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Http(@Required String url, String caBundle, Checksum checksum) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Checksum(
      String md5,
      String sha1,
      String sha256,
      String sha512,
      String streebog256,
      String streebog512) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ContainerImage(
      @Required String image, PullSecret imagePullSecret, String caBundle) {}

  /** The namespace is only used by ClusterVirtualImage, which is cluster-scoped. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PullSecret(String name, String namespace) {}

  /** The namespace is only used by ClusterVirtualImage, which is cluster-scoped. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ObjectRef(@Required String kind, @Required String name, String namespace) {}
}

package io.vmconsole.agent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * POST /v1/storage/disks: a blank disk of {@code sizeBytes}, or an overlay on an image of the pool
 * (never smaller than the image).
 *
 * @param pool "local" for a node-local disk; absent for the shared pool
 * @param mode "overlay" with {@code image}; absent for a blank disk
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiskCreateRequest(
    String uid, String pool, String mode, ImageRef image, Long sizeBytes) {

  /** The image an overlay stands on, by its uid in the pool. */
  public record ImageRef(String uid) {}
}

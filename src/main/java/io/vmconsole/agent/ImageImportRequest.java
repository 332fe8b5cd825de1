package io.vmconsole.agent;

/**
 * POST /v1/storage/imports: the agent fetches {@code url} into the pool as the image {@code uid}.
 */
public record ImageImportRequest(String kind, String uid, String url) {
  public static ImageImportRequest image(String uid, String url) {
    return new ImageImportRequest("image", uid, url);
  }
}

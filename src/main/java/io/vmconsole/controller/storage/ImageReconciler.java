package io.vmconsole.controller.storage;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentJob;
import io.vmconsole.agent.ImageImportRequest;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.disk.ImageStatus;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.OwnedObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VirtualImages and ClusterVirtualImages, minimal (issue 4 §2): an image already in the shared pool
 * (under its uid) is Ready; an HTTP source is imported by an agent job whose progress is reported.
 */
public final class ImageReconciler {
  private static final long MIB = 1024 * 1024;
  private final ControllerContext ctx;
  private final Kind kind;
  private final OwnedObject<ImageObject> images;
  private final Map<String, String> jobs = new ConcurrentHashMap<>();

  public ImageReconciler(ControllerContext ctx, Kind kind) {
    this.ctx = ctx;
    this.kind = kind;
    this.images = new OwnedObject<>(ctx.access(kind), null, ImageObject::of);
  }

  public Duration reconcile(String namespace, String name) {
    return images.reconcile(
        kind == Kind.VIRTUAL_IMAGE ? namespace : null, name, image -> null, this::provide);
  }

  private Duration provide(ImageObject image) {
    String uid = image.uid();
    Optional<AgentClient> agent = ctx.anyAgent();
    if (agent.isEmpty()) {
      return Duration.ofSeconds(2);
    }
    Optional<PoolFile> file = agent.get().poolFile("images", uid);
    if (file.isPresent()) {
      jobs.remove(uid);
      status(image, "Ready", "100%", file.get(), "");
      return null;
    }
    Optional<String> url = image.httpUrl();
    if (url.isEmpty()) {
      status(image, "WaitForUserUpload", null, null, "waiting for the image file in the pool");
      return Duration.ofSeconds(5);
    }
    String jobId = jobs.get(uid);
    AgentJob job = jobId == null ? null : agent.get().job(jobId).orElse(null);
    if (job == null) {
      job = agent.get().importImage(ImageImportRequest.image(uid, url.get()));
      jobs.put(uid, job.id());
    }
    switch (job.state()) {
      case "Failed" -> {
        jobs.remove(uid);
        status(image, "Failed", null, null, job.error());
        return null;
      }
      case "Succeeded" -> {
        return Duration.ZERO;
      }
      default -> {
        status(image, "Provisioning", job.percent(), null, "importing " + url.get());
        return Duration.ofSeconds(1);
      }
    }
  }

  private void status(
      ImageObject image, String phase, String progress, PoolFile file, String message) {
    ImageStatus old = image.status();
    images.writeStatus(
        image,
        new ImageStatus(
            phase,
            progress != null ? progress : old.progress(),
            old.downloadSpeed(),
            file != null
                ? new ImageStatus.Size(
                    mib(file.actualSize()),
                    String.valueOf(file.actualSize()),
                    mib(file.virtualSize()),
                    String.valueOf(file.virtualSize()))
                : old.size(),
            file != null ? file.format() : old.format(),
            file != null ? file.isIso() : old.cdrom(),
            old.target(),
            old.imageUploadURLs(),
            old.storageClassName(),
            old.sourceUID(),
            old.usedInNamespaces(),
            ConditionsBuilder.of(image, Instant.now())
                .set("Ready", phase.equals("Ready"), phase, message)
                .toList(),
            image.generation()));
  }

  private static String mib(long bytes) {
    return (bytes + MIB - 1) / MIB + "Mi";
  }
}

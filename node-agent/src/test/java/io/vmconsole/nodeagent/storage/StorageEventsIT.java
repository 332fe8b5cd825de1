package io.vmconsole.nodeagent.storage;

import static io.vmconsole.nodeagent.storage.StorageFixtures.sha256;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener the agent's event stream will be wired to: an import from a loopback URL reports
 * increasing progress up to the total, then exactly one finished.
 */
class StorageEventsIT {
  @TempDir Path dir;

  private static int finishedCount(JobsTest.Recorder events) {
    synchronized (events) {
      return events.finished.size();
    }
  }

  @Test
  void anImportTellsTheListenerItsProgressAndEnd() throws Exception {
    assertTrue(StorageFixtures.qemuImgAvailable(), "qemu-img is not installed");
    JobsTest.Recorder events = new JobsTest.Recorder();
    StorageService service =
        new StorageService(Pools.open(dir.resolve("shared"), null), "qemu-img", events);
    byte[] data = StorageFixtures.raw(6 << 20);
    try (LoopbackFileServer files = new LoopbackFileServer()) {
      String url = files.serve("/six.img", data);
      Job job =
          service.importUrl(
              new ObjectMapper()
                  .readTree(
                      "{\"kind\":\"image\",\"uid\":\"ev-1\",\"url\":\"%s\",\"checksum\":\"%s\"}"
                          .formatted(url, sha256(data))));
      await().atMost(Duration.ofSeconds(60)).until(() -> finishedCount(events) > 0);
      assertEquals(Job.State.Succeeded, job.state());
    }
    synchronized (events) {
      assertEquals(List.of("ok"), events.finished);
      assertTrue(events.progress.size() >= 3, "several progress events: " + events.progress.size());
      long previous = -1;
      for (long[] p : events.progress) {
        assertTrue(p[0] > previous, "increasing");
        assertEquals(data.length, p[1]);
        previous = p[0];
      }
      assertEquals(data.length, previous);
    }
  }

  @Test
  void aStalledDownloadFailsAndFreesTheUid() throws Exception {
    assertTrue(StorageFixtures.qemuImgAvailable(), "qemu-img is not installed");
    JobsTest.Recorder events = new JobsTest.Recorder();
    Path shared = dir.resolve("stall");
    StorageService service =
        new StorageService(Pools.open(shared, null), "qemu-img", events, Duration.ofSeconds(1));
    Semaphore gate = new Semaphore(0);
    try (LoopbackFileServer files = new LoopbackFileServer()) {
      // The first chunk comes, then the server goes quiet until the test releases it.
      String url = files.serveGated("/slow.img", StorageFixtures.raw(4 << 20), 1 << 20, gate);
      String body = "{\"kind\":\"image\",\"uid\":\"stall-1\",\"url\":\"%s\"}".formatted(url);
      Job job = service.importUrl(new ObjectMapper().readTree(body));
      await().atMost(Duration.ofSeconds(30)).until(() -> finishedCount(events) > 0);
      gate.release(10);
      assertEquals(Job.State.Failed, job.state());
      assertTrue(job.view().error().contains("stalled"), job.view().error());
      assertEquals(1 << 20, job.view().bytesDone());
      assertEquals(0, StorageFixtures.fileCount(shared));
      // The uid is free again: a new import of it is accepted.
      Job again = service.importUrl(new ObjectMapper().readTree(body));
      assertEquals(Job.State.Running, again.state());
      // Let it end before the temp dir goes (the server has the permits to finish it).
      await().atMost(Duration.ofSeconds(30)).until(() -> again.state() != Job.State.Running);
      assertEquals(Job.State.Succeeded, again.state(), String.valueOf(again.view().error()));
    }
  }
}

package io.vmconsole.nodeagent.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses KVM or TCG. KVM only when a probe VM proved it works; the answer is cached in the state
 * dir per QEMU version and kernel release, because a probe VM costs seconds and those two are what
 * can change the answer.
 */
public final class AcceleratorProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the cache file holds; a different QEMU or kernel invalidates it. */
  record CacheEntry(String qemuVersion, String kernel, Accelerator accelerator) {}

  private final QemuInfo qemu;
  private final HostFacts facts;
  private final Path cacheFile;
  private final Function<String, Optional<String>> probeVm;

  public AcceleratorProbe(QemuInfo qemu, HostFacts facts, Path stateDir) {
    this(qemu, facts, stateDir, KvmProbeVm::run);
  }

  /**
   * @param probeVm given the QEMU binary, boots a KVM VM; empty when it worked, else why not
   */
  AcceleratorProbe(
      QemuInfo qemu, HostFacts facts, Path stateDir, Function<String, Optional<String>> probeVm) {
    this.qemu = qemu;
    this.facts = facts;
    this.cacheFile = stateDir.resolve("accelerator.json");
    this.probeVm = probeVm;
  }

  public Accelerator choose() {
    if (!qemu.available()) {
      return Accelerator.tcg("QEMU not found at " + qemu.binary());
    }
    Optional<Accelerator> cached = readCache();
    if (cached.isPresent()) {
      return cached.get();
    }
    Accelerator chosen = decide();
    writeCache(chosen);
    return chosen;
  }

  private Accelerator decide() {
    Optional<String> impossible = facts.kvmImpossibleReason();
    if (impossible.isPresent()) {
      return Accelerator.tcg(impossible.get());
    }
    return probeVm
        .apply(qemu.binary())
        .map(Accelerator::tcg)
        .orElseGet(() -> Accelerator.kvm("probe VM ran under KVM"));
  }

  private Optional<Accelerator> readCache() {
    try {
      CacheEntry e = JSON.readValue(cacheFile.toFile(), CacheEntry.class);
      if (qemu.version().equals(e.qemuVersion()) && facts.kernel().equals(e.kernel())) {
        return Optional.ofNullable(e.accelerator());
      }
    } catch (IOException e) {
      // Missing or unreadable cache: probe again.
    }
    return Optional.empty();
  }

  private void writeCache(Accelerator a) {
    try {
      Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), new CacheEntry(qemu.version(), facts.kernel(), a));
      Files.move(
          tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // A cache that cannot be written only costs another probe at the next start.
    }
  }
}

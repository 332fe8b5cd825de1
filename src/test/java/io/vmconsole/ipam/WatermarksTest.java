package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.api.validation.Ipv4;
import io.vmconsole.api.validation.Ipv4.Cidr;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lowest free address stays the lowest when the search starts at the watermark. */
class WatermarksTest {

  private final Cidr cidr = Ipv4.parseCidr("10.0.0.0/24").orElseThrow();
  private final Pool pool = Pool.of(java.util.List.of("10.0.0.0/24"));
  private final long base = cidr.first();

  @Test
  void theSearchResumesAtTheMarkUntilAnAddressComesFree() {
    Watermarks marks = new Watermarks();
    Set<Long> taken = new java.util.HashSet<>(Set.of(base + 3, base + 4, base + 5));
    long next = pool.lowestFree(taken::contains, c -> marks.from(c, 0)).orElseThrow();
    assertThat(next).isEqualTo(base + 6);
    marks.reached(cidr, next, 0);
    taken.add(base + 6);
    // Below the mark nothing is looked at again: a predicate that would fail there is never asked.
    long after =
        pool.lowestFree(
                a -> {
                  assertThat(a).isGreaterThanOrEqualTo(base + 6);
                  return taken.contains(a);
                },
                c -> marks.from(c, 0))
            .orElseThrow();
    assertThat(after).isEqualTo(base + 7);
    // base+4 comes free: a new generation drops the mark, and the lowest is found again.
    taken.remove(base + 4);
    assertThat(pool.lowestFree(taken::contains, c -> marks.from(c, 1))).contains(base + 4);
  }

  @Test
  void aMarkFromAnOlderGenerationIsIgnored() {
    Watermarks marks = new Watermarks();
    marks.from(cidr, 2);
    marks.reached(cidr, base + 100, 1);
    assertThat(marks.from(cidr, 2)).isEqualTo(Long.MIN_VALUE);
  }
}

package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClaimExpectationsTest {

  @Test
  void ofWorkersReservingOneAddressAtOnceExactlyOneGetsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        ClaimExpectations expectations = new ClaimExpectations();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          tries.add(
              pool.submit(
                  () -> {
                    go.await();
                    return expectations.reserve("ip:1");
                  }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> t : tries) {
          won += t.get() ? 1 : 0;
        }
        assertThat(won).as("round %d", round).isEqualTo(1);
        assertThat(expectations.expected("ip:1")).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aForgottenReservationMayBeTakenAgain() {
    ClaimExpectations expectations = new ClaimExpectations();
    assertThat(expectations.reserve("vm:u1")).isTrue();
    assertThat(expectations.reserve("vm:u1")).isFalse();
    expectations.forget("vm:u1");
    assertThat(expectations.expected("vm:u1")).isFalse();
    assertThat(expectations.reserve("vm:u1")).isTrue();
  }
}

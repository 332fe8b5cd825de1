package io.vmconsole.controller.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.api.vm.VmObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A Start of a VM no node fits ends Failed with the scheduler's reason after the bound. */
class UnschedulableStartTest {
  private static final Instant CREATED = Instant.parse("2026-12-05T10:00:00Z");

  private static VmObject vm(String scheduled) throws Exception {
    return VmObject.of(
        new ObjectMapper()
            .readTree(("{'status':{'conditions':[" + scheduled + "]}}").replace('\'', '"')));
  }

  private static final String UNSCHEDULABLE =
      "{'type':'Scheduled','status':'False','reason':'Unschedulable',"
          + "'message':'no node fits: node-1: insufficient memory',"
          + "'lastTransitionTime':'2026-12-05T09:00:00Z'}";

  @Test
  void itWaitsOutTheBoundThenFailsWithTheSchedulersReason() throws Exception {
    VmObject vm = vm(UNSCHEDULABLE);
    assertThat(UnschedulableStart.failure(vm, CREATED, CREATED.plusSeconds(119))).isEmpty();
    assertThat(UnschedulableStart.failure(vm, CREATED, CREATED.plus(UnschedulableStart.BOUND)))
        .contains(
            "the VM could not be scheduled within 2 min: no node fits: node-1: insufficient memory");
  }

  @Test
  void theBoundCountsFromWhenTheVmBecameUnschedulableIfThatWasLater() throws Exception {
    VmObject vm = vm(UNSCHEDULABLE.replace("09:00:00", "10:01:00"));
    assertThat(UnschedulableStart.failure(vm, CREATED, Instant.parse("2026-12-05T10:02:30Z")))
        .isEmpty();
    assertThat(UnschedulableStart.failure(vm, CREATED, Instant.parse("2026-12-05T10:03:00Z")))
        .isPresent();
  }

  @Test
  void aScheduledOrWaitingVmIsNotFailed() throws Exception {
    Instant late = CREATED.plusSeconds(3600);
    assertThat(
            UnschedulableStart.failure(
                vm("{'type':'Scheduled','status':'True','reason':'Scheduled'}"), CREATED, late))
        .isEmpty();
    assertThat(UnschedulableStart.failure(vm(""), CREATED, late)).isEmpty();
  }
}

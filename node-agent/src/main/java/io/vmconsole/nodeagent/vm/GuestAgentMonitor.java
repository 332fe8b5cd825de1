package io.vmconsole.nodeagent.vm;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Polls each running VM's guest agent (every 2 s; OS and addresses every 30 s once up) and turns
 * changes into {@code guestAgent} and {@code guestInfo} events. The next poll is scheduled only
 * after the previous one finished, so slow guests never pile up requests.
 */
final class GuestAgentMonitor {
  private static final long PERIOD_MS = 2000;
  private static final int INFO_EVERY = 15;
  private final VmContext ctx;

  GuestAgentMonitor(VmContext ctx) {
    this.ctx = ctx;
  }

  void watch(Vm vm) {
    schedule(vm, 0);
  }

  private void schedule(Vm vm, int round) {
    ctx.timers()
        .schedule(
            () ->
                ctx.blocking()
                    .execute(
                        () -> {
                          if (poll(vm, round)) {
                            schedule(vm, round + 1);
                          }
                        }),
            PERIOD_MS,
            TimeUnit.MILLISECONDS);
  }

  /** False when the VM no longer runs (the polling stops). */
  private boolean poll(Vm vm, int round) {
    GuestAgent ga;
    synchronized (vm) {
      if (vm.state != VmState.Running && vm.state != VmState.Stopping) {
        return false;
      }
      if (vm.migratingAway) {
        return true;
      }
      ga = vm.guestAgent;
    }
    try {
      if (ga == null) {
        ga = GuestAgent.connect(vm.files.qga());
        synchronized (vm) {
          vm.guestAgent = ga;
        }
      }
      boolean up = ga.ping(1500);
      GuestAgent.Info info =
          up && (vm.guestInfo == null || round % INFO_EVERY == 0) ? ga.info() : null;
      synchronized (vm) {
        if (up != vm.guestAgentUp) {
          vm.guestAgentUp = up;
          ctx.events().append(vm.id, "guestAgent", Map.of("state", up ? "up" : "down"));
        }
        if (info != null && !Objects.equals(info, vm.guestInfo)) {
          vm.guestInfo = info;
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("osName", info.osName());
          data.put("osVersion", info.osVersion());
          data.put("addresses", info.addresses());
          data.values().removeIf(Objects::isNull);
          ctx.events().append(vm.id, "guestInfo", data);
        }
      }
    } catch (IOException e) {
      synchronized (vm) {
        if (vm.guestAgent != null) {
          vm.guestAgent.close();
          vm.guestAgent = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }
}

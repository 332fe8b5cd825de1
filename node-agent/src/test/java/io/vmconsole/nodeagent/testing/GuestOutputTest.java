package io.vmconsole.nodeagent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuestOutputTest {
  @Test
  void aKernelMessageInsideTheReadyLineIsLeftOut() {
    String seen =
        "The system is finally up, after 6.37 seconds\r\nvmconsole-guest-[    6.668591] Not activating"
            + " Mandatory Access Control as /sbin/tomoyo-init does not exist.\r\nready\r\n\r\nlife login: ";
    assertTrue(GuestOutput.showsReady(seen));
    assertEquals(
        "The system is finally up, after 6.37 seconds\r\nvmconsole-guest-ready\r\n\r\nlife login: ",
        GuestOutput.withoutKernelLines(seen));
  }

  @Test
  void withoutTheReadyLineItIsNotReady() {
    assertFalse(GuestOutput.showsReady("[    0.000000] Linux version 6.1.0\r\nlife login: "));
  }
}

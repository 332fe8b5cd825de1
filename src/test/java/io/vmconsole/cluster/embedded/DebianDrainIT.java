package io.vmconsole.cluster.embedded;

import io.vmconsole.testsupport.Kubectl;

/** {@link DrainContract} with Debian 12's own kubectl (1.20.2). */
class DebianDrainIT extends DrainContract {
  @Override
  Kubectl.Flavour flavour() {
    return Kubectl.Flavour.DEBIAN;
  }
}

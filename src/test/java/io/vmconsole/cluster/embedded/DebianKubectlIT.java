package io.vmconsole.cluster.embedded;

import io.vmconsole.testsupport.Kubectl;

/** {@link KubectlContract} with Debian 12's own kubectl (1.20.2), the one a fresh machine gets. */
class DebianKubectlIT extends KubectlContract {
  @Override
  Kubectl.Flavour flavour() {
    return Kubectl.Flavour.DEBIAN;
  }
}

package io.vmconsole.cluster.embedded;

import io.vmconsole.testsupport.Kubectl;

/** {@link DrainContract} with the kubectl on PATH. */
class EmbeddedDrainIT extends DrainContract {
  @Override
  Kubectl.Flavour flavour() {
    return Kubectl.Flavour.PATH;
  }
}

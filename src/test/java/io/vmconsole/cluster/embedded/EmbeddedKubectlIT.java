package io.vmconsole.cluster.embedded;

import io.vmconsole.testsupport.Kubectl;

/** {@link KubectlContract} with the kubectl on PATH. */
class EmbeddedKubectlIT extends KubectlContract {
  @Override
  Kubectl.Flavour flavour() {
    return Kubectl.Flavour.PATH;
  }
}

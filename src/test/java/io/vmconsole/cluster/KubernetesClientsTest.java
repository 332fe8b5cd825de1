package io.vmconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import org.junit.jupiter.api.Test;

class KubernetesClientsTest {

  private static KubernetesClient client() {
    // Never connected: building a client and its informers opens no connection.
    return KubernetesClients.builder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
        .build();
  }

  @Test
  void theHttpClientsFabric8MakesWriteTlsRecordsIntoPooledBuffers() {
    Vertx vertx = Vertx.vertx();
    try {
      JdkSSLEngineOptions engine = new JdkSSLEngineOptions();
      HttpClient http =
          KubernetesClients.pooledTlsBuffers(vertx)
              .createHttpClient(new HttpClientOptions().setSsl(true).setSslEngineOptions(engine));
      http.close();
      assertThat(engine.isPooledHeapBuffers()).isTrue();
    } finally {
      vertx.close();
    }
  }

  @Test
  void aLeaseInAWatchEventIsDecodedStraightIntoItsClassAndAVmStaysGeneric() {
    try (KubernetesClient client = client()) {
      KubernetesResource lease =
          client
              .getKubernetesSerialization()
              .unmarshal(
                  """
                  {"apiVersion": "virtualization.deckhouse.io/v1alpha2",
                   "kind": "VirtualMachineIPAddressLease", "metadata": {"name": "ip-10-0-0-1"},
                   "spec": {"virtualMachineIPAddressRef": {"namespace": "a", "name": "b"}}}
                  """,
                  KubernetesResource.class);
      KubernetesResource vm =
          client
              .getKubernetesSerialization()
              .unmarshal(
                  """
                  {"apiVersion": "virtualization.deckhouse.io/v1alpha2", "kind": "VirtualMachine",
                   "metadata": {"name": "web"}, "spec": {"someFieldOfTomorrow": 1}}
                  """,
                  KubernetesResource.class);

      assertThat(lease).isInstanceOf(VirtualMachineIPAddressLease.class);
      assertThat(
              ((VirtualMachineIPAddressLease) lease).getSpec().virtualMachineIPAddressRef().name())
          .isEqualTo("b");
      assertThat(vm).isInstanceOf(GenericKubernetesResource.class);
      Object tomorrow = ((GenericKubernetesResource) vm).get("spec", "someFieldOfTomorrow");
      assertThat(tomorrow).isEqualTo(1);
    }
  }

  @Test
  void aKindDecodedAsItsClassCannotBeCachedAsGenericObjects() {
    try (KubernetesClient client = client()) {
      assertThatThrownBy(
              () -> new ResourceCache(client, ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS_LEASE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("VirtualMachineIPAddressLease")
          .hasMessageContaining("lose the fields");
      new ResourceCache(client, ResourceKinds.VIRTUAL_MACHINE).close();
    }
  }
}

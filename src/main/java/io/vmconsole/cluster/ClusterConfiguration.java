package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection to the Kubernetes API and the caches on it. In kubeconfig mode the console talks
 * to any cluster; embedded mode (see {@link EmbeddedClusterConfiguration}) starts our own API
 * server first.
 */
@Configuration
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "vmconsole.cluster.mode", havingValue = "kubeconfig")
  KubernetesClient kubeconfigClient(ClusterProperties props) {
    if (props.kubeconfig() == null) {
      return KubernetesClients.builder().build();
    }
    try {
      Config config = Config.fromKubeconfig(Files.readString(props.kubeconfig()));
      return KubernetesClients.builder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + props.kubeconfig(), e);
    }
  }

  @Bean(destroyMethod = "close")
  NamespaceDirectory namespaceDirectory(KubernetesClient client) {
    NamespaceDirectory directory = new NamespaceDirectory(client);
    directory.start();
    return directory;
  }

  @Bean(destroyMethod = "close")
  ClusterResources clusterResources(KubernetesClient client) {
    return new ClusterResources(client);
  }

  /** The controller's cache of VMs, also the views': one informer per kind in the process. */
  @Bean(destroyMethod = "") // closed with ClusterResources
  ResourceCache virtualMachineCache(ClusterResources resources) {
    return resources.cache(Kind.VIRTUAL_MACHINE);
  }

  @Bean
  ClusterReadiness clusterReadiness(
      KubernetesClient client,
      ClusterResources resources,
      NamespaceDirectory namespaces,
      ModuleConfigs moduleConfigs,
      IpLeases leases,
      IpAddresses addresses) {
    return new ClusterReadiness(client, resources, namespaces, moduleConfigs, leases, addresses);
  }
}

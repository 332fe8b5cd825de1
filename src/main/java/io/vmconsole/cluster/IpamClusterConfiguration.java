package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caches and accessors of the IP objects; once they have synced, admission gets its facts from
 * them.
 */
@Configuration
class IpamClusterConfiguration {

  @Bean
  ClusterFactsHolder clusterFactsHolder() {
    return new ClusterFactsHolder();
  }

  @Bean
  ApiCalls ipamApiCalls() {
    return new ApiCalls();
  }

  @Bean(destroyMethod = "close")
  ModuleConfigs moduleConfigs(KubernetesClient client) {
    ModuleConfigs configs = new ModuleConfigs(client);
    configs.start();
    return configs;
  }

  @Bean(destroyMethod = "close")
  IpLeases ipLeases(
      KubernetesClient client,
      ApiCalls calls,
      ModuleConfigs configs,
      ClusterFactsHolder facts,
      ClusterResources cluster) {
    IpLeases leases = new IpLeases(client, calls);
    leases.start();
    // Started here, not on first lookup: admission runs on the API server's event loop, which must
    // never
    // wait for an informer's first list from that same server.
    ResourceCache classes = cluster.cache(Kind.VIRTUAL_MACHINE_CLASS);
    facts.set(new InformerClusterFacts(configs, leases, classes, cluster.cache(Kind.VIRTUAL_DISK)));
    return leases;
  }

  @Bean(destroyMethod = "close")
  IpAddresses ipAddresses(KubernetesClient client, ApiCalls calls) {
    IpAddresses addresses = new IpAddresses(client, calls);
    addresses.start();
    return addresses;
  }
}

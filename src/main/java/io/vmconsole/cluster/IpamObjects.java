package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The IP accessors on one client, started, for code assembled without Spring (the benchmark); the
 * console makes the same ones as beans in {@link IpamClusterConfiguration}.
 */
public record IpamObjects(
    ModuleConfigs modules, IpLeases leases, IpAddresses addresses, ApiCalls calls)
    implements AutoCloseable {

  public static IpamObjects start(KubernetesClient client) {
    ApiCalls calls = new ApiCalls();
    IpamObjects objects =
        new IpamObjects(
            new ModuleConfigs(client),
            new IpLeases(client, calls),
            new IpAddresses(client, calls),
            calls);
    objects.modules.start();
    objects.leases.start();
    objects.addresses.start();
    return objects;
  }

  @Override
  public void close() {
    addresses.close();
    leases.close();
    modules.close();
  }
}

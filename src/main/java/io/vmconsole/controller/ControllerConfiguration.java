package io.vmconsole.controller;

import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.PodEvictions;
import io.vmconsole.controller.vm.IpamNetworks;
import io.vmconsole.ipam.VmAddresses;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the controller when the console knows node agents (the embedded topology provides them).
 */
@Configuration
@ConditionalOnProperty(
    name = "vmconsole.controller.enabled",
    havingValue = "true",
    matchIfMissing = true)
class ControllerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ControllerConfiguration.class);

  @Bean(destroyMethod = "close")
  Controller controller(
      ClusterResources cluster,
      ObjectProvider<AgentDirectory> directory,
      VmAddresses addresses,
      ObjectProvider<PodEvictions> evictions,
      @Value("${vmconsole.controller.node-readiness:true}") boolean nodeReadiness,
      @Value("${vmconsole.controller.workers:4}") int workers) {
    AgentDirectory agents = directory.getIfAvailable();
    List<String> nodes =
        agents == null
            ? List.of()
            : agents.all().stream().map(io.vmconsole.agent.AgentEndpoint::nodeName).toList();
    if (agents == null) {
      log.warn("no node agents known: VMs stay Pending");
    }
    Controller controller =
        new Controller(
            cluster,
            agents == null ? n -> java.util.Optional.empty() : AgentClients.http(agents),
            new IpamNetworks(addresses),
            nodes,
            nodeReadiness,
            workers);
    controller.start();
    evictions.ifAvailable(e -> e.decideWith(controller.evictionHook()));
    return controller;
  }
}

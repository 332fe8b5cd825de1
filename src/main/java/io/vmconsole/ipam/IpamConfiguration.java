package io.vmconsole.ipam;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.cluster.ModuleConfigs;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.security.Access;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(IpamProperties.class)
class IpamConfiguration {

  @Bean
  ClaimExpectations claimExpectations() {
    return new ClaimExpectations();
  }

  @Bean
  IpAllocator ipAllocator(IpLeases leases, ModuleConfigs modules, ClaimExpectations expectations) {
    return new IpAllocator(leases, modules, expectations);
  }

  @Bean
  VmAddresses vmAddresses(
      IpAddresses addresses, ModuleConfigs modules, ClaimExpectations expectations) {
    return new VmAddresses(addresses, modules, expectations);
  }

  @Bean(destroyMethod = "close")
  IpamReconciler ipamReconciler(
      IpAddresses addresses,
      IpLeases leases,
      ModuleConfigs modules,
      @Qualifier("virtualMachineCache") ResourceCache vms,
      IpAllocator allocator,
      IpamProperties props) {
    LeaseSweeper sweeper =
        new LeaseSweeper(leases, addresses, props.leaseRetention(), Clock.systemUTC());
    IpamReconciler reconciler =
        new IpamReconciler(addresses, leases, modules, vms, allocator, sweeper, props);
    reconciler.start();
    return reconciler;
  }

  @Bean
  IpAddressService ipAddressService(
      IpAddresses addresses,
      IpLeases leases,
      ModuleConfigs modules,
      Admission admission,
      Access access) {
    return new IpAddressService(addresses, leases, modules, admission, access);
  }
}

package io.vmconsole.api.vm;

/** The condition types a VirtualMachine's status carries (api.md §1.2). */
public enum VmConditionType {
  VirtualMachineClassReady,
  BlockDevicesReady,
  ProvisioningReady,
  VirtualMachineIPAddressReady,
  Scheduled,
  NodeAgentReady,
  Running,
  AgentReady,
  Migrating,
  Migratable,
  AwaitingRestartToApplyConfiguration,
  ConfigurationApplied
}

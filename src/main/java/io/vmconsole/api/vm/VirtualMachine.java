package io.vmconsole.api.vm;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A virtual machine. The printer columns are declared on the class, in the order kubectl prints
 * them (the seed's {@code get vm -o wide}): field-level columns would follow the schema's field
 * order, and three of the columns read conditions, which no field annotation can express.
 */
@Group(VirtualMachine.GROUP)
@Version(VirtualMachine.VERSION)
// Named, not derived (here and on every kind of ours): fabric8 would otherwise pluralise the kind
// with regular expressions for every object it reads.
@Plural("virtualmachines")
@ShortNames("vm")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Cores",
    jsonPath = ".spec.cpu.cores",
    type = Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "CoreFraction",
    jsonPath = ".spec.cpu.coreFraction",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Memory",
    jsonPath = ".spec.memory.size",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Need Restart",
    jsonPath = ".status.conditions[?(@.type=='AwaitingRestartToApplyConfiguration')].status",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Agent",
    jsonPath = ".status.conditions[?(@.type=='AgentReady')].status",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Migratable",
    jsonPath = ".status.conditions[?(@.type=='Migratable')].status",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".status.nodeName", type = Type.STRING)
@AdditionalPrinterColumn(name = "IPAddress", jsonPath = ".status.ipAddress", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachine extends CustomResource<VirtualMachineSpec, VirtualMachineStatus>
    implements Namespaced {

  public static final String GROUP = "virtualization.deckhouse.io";
  public static final String VERSION = "v1alpha2";
}

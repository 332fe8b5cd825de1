package io.vmconsole.api.disk;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A writable disk backed by a PVC (api.md §6). */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualdisks")
@ShortNames("vd")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Capacity", jsonPath = ".status.capacity", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "InUse",
    jsonPath = ".status.conditions[?(@.type=='InUse')].status",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "VirtualMachine",
    jsonPath = ".status.attachedToVirtualMachines[?(@.mounted==true)].name",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Progress",
    jsonPath = ".status.progress",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "StorageClass",
    jsonPath = ".status.storageClassName",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "TargetPVC",
    jsonPath = ".status.target.persistentVolumeClaimName",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualDisk extends CustomResource<VirtualDiskSpec, VirtualDiskStatus>
    implements Namespaced {}

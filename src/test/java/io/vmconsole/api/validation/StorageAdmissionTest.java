package io.vmconsole.api.validation;

import static io.vmconsole.api.validation.Fixtures.with;
import static io.vmconsole.api.validation.Fixtures.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.validation.Fixtures.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** VirtualDisk, VirtualImage, ClusterVirtualImage and VirtualMachineClass rules (api.md §6–8). */
class StorageAdmissionTest {

  static final ObjectNode BLANK =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualDisk
      metadata: {name: blank-disk, namespace: default}
      spec: {persistentVolumeClaim: {size: 100Mi}}
      """);
  static final ObjectNode FROM_IMAGE =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualDisk
      metadata: {name: linux-vm-root, namespace: default}
      spec:
        persistentVolumeClaim: {size: 10Gi, storageClassName: shared}
        dataSource: {type: ObjectRef, objectRef: {kind: VirtualImage, name: ubuntu}}
      status: {phase: Ready}
      """);
  static final ObjectNode VI =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualImage
      metadata: {name: ubuntu-iso, namespace: default}
      spec: {storage: ContainerRegistry, dataSource: {type: HTTP, http: {url: "https://example.com/ubuntu.iso"}}}
      """);
  static final ObjectNode CVI =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: ClusterVirtualImage
      metadata: {name: ubuntu}
      spec: {dataSource: {type: ContainerImage, containerImage: {image: "registry.example.com/ubuntu:22.04"}}}
      """);
  static final ObjectNode VMC =
      yaml(
          """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachineClass
      metadata: {name: host}
      spec:
        cpu: {type: Host}
        sizingPolicies:
          - cores: {min: 1, max: 4}
            coreFractions: [5, 10, 100]
          - cores: {min: 5, max: 8}
      """);

  static Stream<Case> cases() {
    return Stream.of(
        Case.ok("blank disk with a size", BLANK),
        Case.fails(
            "blank disk without a size",
            with(BLANK, "spec.persistentVolumeClaim", "~"),
            "spec.persistentVolumeClaim.size",
            "is required for a blank disk"),
        Case.fails(
            "size not a quantity",
            with(BLANK, "spec.persistentVolumeClaim.size", "big"),
            "spec.persistentVolumeClaim.size",
            "must be a quantity such as 1Gi"),
        Case.ok("size of 64Ti", with(BLANK, "spec.persistentVolumeClaim.size", "64Ti")),
        Case.fails(
            "size above the agent's cap",
            with(BLANK, "spec.persistentVolumeClaim.size", "65Ti"),
            "spec.persistentVolumeClaim.size",
            "must be at most 64Ti, the largest disk a node agent makes (got 65Ti)"),
        Case.fails(
            "size not whole bytes",
            with(BLANK, "spec.persistentVolumeClaim.size", "'1.5'"),
            "spec.persistentVolumeClaim.size",
            "must be a whole number of bytes"),
        Case.ok(
            "disk from an image without a size",
            with(FROM_IMAGE, "spec.persistentVolumeClaim", "~")),
        Case.fails(
            "disk from a disk",
            with(FROM_IMAGE, "spec.dataSource.objectRef.kind", "VirtualDisk"),
            "spec.dataSource.objectRef.kind",
            "must be one of ClusterVirtualImage, VirtualImage, VirtualDiskSnapshot"),
        Case.fails(
            "HTTP without http",
            with(FROM_IMAGE, "spec.dataSource", "{type: HTTP}"),
            "spec.dataSource.http",
            "is required when type is HTTP"),
        Case.fails(
            "ftp URL",
            with(FROM_IMAGE, "spec.dataSource", "{type: HTTP, http: {url: 'ftp://x/y.iso'}}"),
            "spec.dataSource.http.url",
            "must be an http or https URL"),
        Case.fails(
            "field of another type",
            with(FROM_IMAGE, "spec.dataSource.http", "{url: 'https://x'}"),
            "spec.dataSource.http",
            "must not be set when type is ObjectRef"),
        Case.fails(
            "unknown dataSource type",
            with(FROM_IMAGE, "spec.dataSource", "{type: Torrent}"),
            "spec.dataSource.type",
            "must be one of HTTP, ContainerImage, ObjectRef, Upload"),
        Case.okUpdate(
            "Ready disk grows",
            FROM_IMAGE,
            with(FROM_IMAGE, "spec.persistentVolumeClaim.size", "20Gi")),
        Case.ok(
            "node-local disk", with(BLANK, "spec.persistentVolumeClaim.storageClassName", "local")),
        Case.fails(
            "unknown storage class",
            with(BLANK, "spec.persistentVolumeClaim.storageClassName", "fast"),
            "spec.persistentVolumeClaim.storageClassName",
            "must be one of shared, local (got fast)"),
        Case.failsUpdate(
            "Ready disk moves to a node's local pool",
            FROM_IMAGE,
            with(FROM_IMAGE, "spec.persistentVolumeClaim.storageClassName", "local"),
            "spec.persistentVolumeClaim.storageClassName",
            "can't change between shared and local after the disk is Ready"),
        Case.failsUpdate(
            "Ready disk shrinks",
            FROM_IMAGE,
            with(FROM_IMAGE, "spec.persistentVolumeClaim.size", "5Gi"),
            "spec.persistentVolumeClaim.size",
            "can only grow after the disk is Ready (was 10Gi)"),
        Case.failsUpdate(
            "Ready disk changes source",
            FROM_IMAGE,
            with(FROM_IMAGE, "spec.dataSource.objectRef.name", "debian"),
            "spec",
            "can't change after the disk is Ready"),
        Case.okUpdate(
            "disk not Ready changes source",
            with(FROM_IMAGE, "status.phase", "Provisioning"),
            with(FROM_IMAGE, "spec.dataSource.objectRef.name", "debian")),
        Case.ok("image over HTTP", VI),
        Case.fails(
            "image without source",
            with(VI, "spec.dataSource", "~"),
            "spec.dataSource",
            "is required"),
        Case.fails(
            "image storage unknown",
            with(VI, "spec.storage", "Tape"),
            "spec.storage",
            "must be one of ContainerRegistry, PersistentVolumeClaim, Kubernetes"),
        Case.ok(
            "image from a disk",
            with(
                VI,
                "spec.dataSource",
                "{type: ObjectRef, objectRef: {kind: VirtualDisk, name: d}}")),
        Case.failsUpdate(
            "image changed",
            VI,
            with(VI, "spec.dataSource.http.url", "https://example.com/other.iso"),
            "spec",
            "is immutable"),
        Case.ok("cluster image from a registry", CVI),
        Case.fails(
            "cluster image from a VI without namespace",
            with(
                CVI,
                "spec.dataSource",
                "{type: ObjectRef, objectRef: {kind: VirtualImage, name: vi}}"),
            "spec.dataSource.objectRef.namespace",
            "is required for kind VirtualImage"),
        Case.ok(
            "cluster image from a VI with namespace",
            with(
                CVI,
                "spec.dataSource",
                "{type: ObjectRef, objectRef: {kind: VirtualImage, name: vi, namespace: default}}")),
        Case.fails(
            "cluster image without image",
            with(CVI, "spec.dataSource.containerImage", "{}"),
            "spec.dataSource.containerImage.image",
            "is required"),
        Case.failsUpdate(
            "cluster image changed",
            CVI,
            with(CVI, "spec.dataSource.containerImage.image", "r/debian"),
            "spec",
            "is immutable"),
        Case.ok("class", VMC),
        Case.fails(
            "Model without model",
            with(VMC, "spec.cpu.type", "Model"),
            "spec.cpu.model",
            "is required"),
        Case.fails(
            "features with Host",
            with(VMC, "spec.cpu.features", "[avx]"),
            "spec.cpu.features",
            "is only allowed with type Features"),
        Case.fails(
            "Features without features",
            with(VMC, "spec.cpu.type", "Features"),
            "spec.cpu.features",
            "at least 1 item"),
        Case.fails(
            "overlapping core ranges",
            with(
                VMC,
                "spec.sizingPolicies",
                "[{cores: {min: 1, max: 4}}, {cores: {min: 4, max: 8}}]"),
            "spec.sizingPolicies[1].cores",
            "must not overlap"),
        Case.fails(
            "core fraction 0",
            with(VMC, "spec.sizingPolicies", "[{cores: {min: 1, max: 4}, coreFractions: [0]}]"),
            "spec.sizingPolicies[0].coreFractions",
            "percents from 1 to 100"),
        Case.failsUpdate(
            "class cpu changed",
            VMC,
            with(VMC, "spec.cpu.type", "HostPassthrough"),
            "spec.cpu",
            "is immutable"),
        Case.okUpdate(
            "class sizing changed",
            VMC,
            with(VMC, "spec.sizingPolicies", "[{cores: {min: 1, max: 16}}]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case c) {
    c.check(new ResourceAdmission());
  }
}

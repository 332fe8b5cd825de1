package io.vmconsole.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * The objects of the embedded default topology, as pure builders: the nodes, the namespace, the
 * classes, the demo image and the virtualization ModuleConfig.
 */
final class DefaultObjects {
  static final String DEMO_IMAGE = "demo";
  static final String POOL_IMAGE_ANNOTATION = "vmconsole.io/pool-image";
  private static final ObjectMapper YAML = new YAMLMapper();

  private DefaultObjects() {}

  static ObjectNode node(String name, boolean first, String cpu, String memory) {
    ObjectNode node =
        yaml(
            """
        apiVersion: v1
        kind: Node
        metadata:
          name: %s
          labels:
            kubernetes.io/hostname: %s
            kubernetes.io/os: linux
        spec: {}
        """
                .formatted(name, name));
    if (first) {
      node.with("metadata").with("labels").put("disktype", "ssd");
    }
    ObjectNode resources = YAML.createObjectNode().put("cpu", cpu).put("memory", memory);
    node.with("status").set("capacity", resources);
    node.with("status").set("allocatable", resources.deepCopy());
    return node;
  }

  static ObjectNode namespace(String name) {
    return yaml(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """
            .formatted(name));
  }

  /** host: the host's CPU; generic: a portable model. Both allow the seed's 10% fraction. */
  static List<ObjectNode> classes() {
    String policies =
        """
          sizingPolicies:
            - cores: {min: 1, max: 4}
              dedicatedCores: [false]
              coreFractions: [5, 10, 20, 50, 100]
              memory: {min: 128Mi, max: 8Gi, step: 1Mi}
            - cores: {min: 5, max: 64}
              dedicatedCores: [false, true]
              coreFractions: [20, 50, 100]
              memory: {min: 1Gi, max: 256Gi, step: 1Mi}
        """;
    return List.of(
        yaml(
            """
            apiVersion: virtualization.deckhouse.io/v1alpha2
            kind: VirtualMachineClass
            metadata:
              name: host
            spec:
              cpu:
                type: Host
            %s"""
                .formatted(policies)),
        yaml(
            """
            apiVersion: virtualization.deckhouse.io/v1alpha2
            kind: VirtualMachineClass
            metadata:
              name: generic
              annotations:
                virtualmachineclass.virtualization.deckhouse.io/is-default-class: "true"
            spec:
              cpu:
                type: Model
                model: Nehalem
            %s"""
                .formatted(policies)));
  }

  /** The demo guest, served from the shared pool (the topology puts the file there). */
  static ObjectNode demoImage() {
    return yaml(
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: ClusterVirtualImage
        metadata:
          name: %s
          annotations:
            %s: "true"
        spec:
          dataSource:
            type: Upload
        """
            .formatted(DEMO_IMAGE, POOL_IMAGE_ANNOTATION));
  }

  static ObjectNode moduleConfig() {
    return yaml(
        """
        apiVersion: deckhouse.io/v1alpha1
        kind: ModuleConfig
        metadata:
          name: virtualization
        spec:
          enabled: true
          version: 1
          settings:
            virtualMachineCIDRs:
              - 10.66.10.0/24
              - 10.66.20.0/24
        """);
  }

  private static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

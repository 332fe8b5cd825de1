package io.vmconsole.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write under review.
 *
 * @param operation create or update (deletes are not reviewed)
 * @param group API group, empty for the core group
 * @param version API version, e.g. v1alpha2
 * @param kind the kind, e.g. VirtualMachine
 * @param namespace namespace, or null for cluster-scoped kinds
 * @param name the object's name (may be null on create with generateName)
 * @param oldObject the stored object on update, null on create
 * @param object the object as it would be stored
 * @param subresource null for the main resource, "status" for a status write
 */
public record AdmissionRequest(
    Operation operation,
    String group,
    String version,
    String kind,
    String namespace,
    String name,
    ObjectNode oldObject,
    ObjectNode object,
    String subresource) {

  public enum Operation {
    CREATE,
    UPDATE
  }
}

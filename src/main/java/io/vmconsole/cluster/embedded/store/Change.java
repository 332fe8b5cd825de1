package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One committed change, as listeners (watches) see it once it is durable. {@code newObject} is null
 * for a removal; {@code finalState} is then the object as last seen, with the removal's
 * resourceVersion (what a watch reports as DELETED), and otherwise {@code newObject} itself.
 */
public record Change(
    long resourceVersion,
    ObjectKey key,
    ObjectNode oldObject,
    ObjectNode newObject,
    ObjectNode finalState) {}

/**
 * Defaulting and validation of every kind of the API, behind {@link
 * io.vmconsole.api.admission.Admission}.
 *
 * <p>{@link io.vmconsole.api.validation.ResourceAdmission} dispatches on the kind to one
 * package-private rules class per kind (or pair of kinds), each working on the raw JSON: the API
 * server has nothing else before the write, and a rule must be able to say "not a number" about a
 * field that a typed model could not even read. Rules needing other objects (the class's core
 * fractions, the address pool, leases) read them through {@link
 * io.vmconsole.api.validation.ClusterFacts}, which the caller provides or leaves out. Errors name
 * the field as kubectl prints it ({@code spec.blockDeviceRefs[1].name}) and the rule.
 */
package io.vmconsole.api.validation;

/**
 * The resource model of virtualization.deckhouse.io/v1alpha2 (and Deckhouse's ModuleConfig): one
 * subpackage per area, specs and statuses as Jackson records that keep absent fields absent. The
 * model knows no client. CRDs are generated from these classes at build time into {@code
 * deploy/crds/} and {@code META-INF/crds/} on the classpath (see {@link
 * io.vmconsole.api.crd.CrdPostProcessor}).
 */
package io.vmconsole.api;

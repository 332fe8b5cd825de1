/** Typed read views over the Kubernetes core kinds the product reads: Nodes, Pods, Secrets. */
package io.vmconsole.api.core;

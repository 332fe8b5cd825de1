package io.vmconsole.operations;

/**
 * What happened for one VM of a bulk action: the operation made for it, or why none was.
 *
 * @param operation the vmop's name, null when refused
 * @param error why it was refused, null when made
 */
public record BulkResult(VmRef vm, String operation, String error) {}

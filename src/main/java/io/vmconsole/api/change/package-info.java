/**
 * What changed between two versions of a VirtualMachine, and what each change takes to apply: pure
 * functions over JSON, so the controller (status.restartAwaitingChanges) and the UI (the edit
 * panel) decide from the same table, {@link io.vmconsole.api.change.ChangeRules}.
 */
package io.vmconsole.api.change;

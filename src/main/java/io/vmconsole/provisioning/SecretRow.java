package io.vmconsole.provisioning;

import java.util.List;

/** A provisioning Secret as its list shows it: never its values. */
public record SecretRow(String namespace, String name, String type, List<String> keys) {}

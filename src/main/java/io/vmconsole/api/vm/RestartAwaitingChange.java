package io.vmconsole.api.vm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * One spec change that waits for a restart. The values are whatever JSON the changed field holds (a
 * number for cpu.cores, an object for provisioning), so they stay untyped; the CRD keeps the whole
 * item free-form as the installed CRD does. Keys are written in alphabetical order, as kubectl
 * prints them and as the seed shows the list.
 */
@PreserveUnknownFields
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record RestartAwaitingChange(
    String operation, String path, JsonNode currentValue, JsonNode desiredValue) {}

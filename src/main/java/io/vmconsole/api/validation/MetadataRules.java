package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules on metadata: object names, and the label/annotation group reserved for the platform. */
final class MetadataRules {

  static final String RESERVED_GROUP = "virtualization.deckhouse.io";

  private static final Pattern DNS1123_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private MetadataRules() {}

  static boolean isDns1123Subdomain(String value) {
    return ObjectNames.isValid(value);
  }

  /** A null name is fine: the server fills it from generateName. */
  static void name(String name, int maxLength, Errors errors) {
    if (name == null) {
      return;
    }
    if (!isDns1123Subdomain(name)) {
      errors.add(
          "metadata.name",
          "must be a DNS-1123 subdomain: lower case letters, digits, '-' and '.', starting and ending with a letter or digit (got \""
              + name
              + "\")");
    } else if (name.length() > maxLength) {
      errors.add(
          "metadata.name",
          "must be at most " + maxLength + " characters (got " + name.length() + ")");
    }
  }

  /**
   * A name that must be a DNS-1123 label (a Namespace's); null is left to the server's
   * generateName.
   */
  static void label(String name, Errors errors) {
    if (name != null && (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches())) {
      errors.add(
          "metadata.name",
          "must be a DNS-1123 label: at most 63 lower case letters, digits and '-',"
              + " starting and ending with a letter or digit (got \""
              + name
              + "\")");
    }
  }

  /**
   * Labels and annotations of the reserved group belong to the platform's controllers. Only keys
   * the write adds or changes are refused, so an object the controller has already marked stays
   * editable.
   */
  static void reservedKeys(JsonNode object, JsonNode oldObject, String field, Errors errors) {
    JsonNode map = Json.at(object, "metadata." + field);
    JsonNode oldMap = oldObject == null ? null : Json.at(oldObject, "metadata." + field);
    if (map == null || !map.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean unchanged = oldMap != null && e.getValue().equals(oldMap.get(e.getKey()));
      if (!unchanged && inReservedGroup(e.getKey())) {
        errors.add(
            "metadata." + field + "[" + e.getKey() + "]",
            "must not use the " + RESERVED_GROUP + " group, which is reserved for the platform");
      }
    }
  }

  static boolean inReservedGroup(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    return prefix.equals(RESERVED_GROUP) || prefix.endsWith("." + RESERVED_GROUP);
  }
}

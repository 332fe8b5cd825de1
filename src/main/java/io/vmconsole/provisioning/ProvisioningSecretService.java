package io.vmconsole.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.validation.ObjectNames;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.security.Access;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The Secrets of both provisioning types in a namespace. Values are base64 in the API and plain
 * text here; they leave this service only through {@link #reveal}, for an operator or admin of the
 * namespace, and are never logged (the audit records that someone revealed or changed a Secret, not
 * what it holds).
 */
public class ProvisioningSecretService {
  private final ResourceAccess secrets;
  private final Access access;
  private final AuditLog audit;

  ProvisioningSecretService(ResourceAccess secrets, Access access, AuditLog audit) {
    this.secrets = secrets;
    this.access = access;
    this.audit = audit;
  }

  /** The provisioning Secrets of the namespace, names and keys only. */
  @PreAuthorize("@access.canRead(#namespace)")
  public List<SecretRow> list(String namespace) {
    return secrets.list(namespace).stream()
        .filter(s -> ProvisioningTypes.TYPES.contains(s.path("type").asText()))
        .map(
            s ->
                new SecretRow(
                    namespace,
                    s.path("metadata").path("name").asText(),
                    s.path("type").asText(),
                    keys(s)))
        .sorted(Comparator.comparing(SecretRow::name))
        .toList();
  }

  /** The decoded values: only for an operator or admin of the namespace, and audited. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public Map<String, String> reveal(String namespace, String name) {
    ObjectNode secret =
        secrets
            .get(namespace, name)
            .filter(s -> ProvisioningTypes.TYPES.contains(s.path("type").asText()))
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "metadata.name", "no provisioning Secret named " + name));
    Map<String, String> values = values(secret);
    audit.record(
        access.currentUsername(),
        "secret.reveal",
        "Secret " + namespace + "/" + name,
        Map.of("namespace", namespace));
    return values;
  }

  /**
   * Creates or replaces the Secret's values (encoded here); a bad name, type or key writes nothing.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void save(String namespace, String name, String type, Map<String, String> values) {
    List<FieldError> errors = new ArrayList<>();
    if (!ObjectNames.isValid(name)) {
      errors.add(
          new FieldError(
              "metadata.name",
              "must be a DNS-1123 name: lower-case letters, digits, '-' and '.' (got \""
                  + (name == null ? "" : name)
                  + "\")"));
    }
    if (!ProvisioningTypes.TYPES.contains(type)) {
      errors.add(
          new FieldError("type", "must be one of " + String.join(", ", ProvisioningTypes.TYPES)));
    } else {
      Map<String, String> present = new LinkedHashMap<>();
      values.forEach(
          (k, v) -> {
            if (v != null && !v.isEmpty()) {
              present.put(k, v);
            }
          });
      for (String key : present.keySet()) {
        if (!ProvisioningTypes.keys(type).contains(key)) {
          errors.add(new FieldError("data." + key, "is not a key of " + type));
        }
      }
      if (present.isEmpty()) {
        errors.add(new FieldError("data." + ProvisioningTypes.keys(type).get(0), "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ObjectNode secret = JsonNodeFactory.instance.objectNode();
    secret.put("apiVersion", "v1").put("kind", "Secret").put("type", type);
    secret.putObject("metadata").put("namespace", namespace).put("name", name);
    ObjectNode data = secret.putObject("data");
    values.forEach(
        (k, v) -> {
          if (v != null && !v.isEmpty()) {
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
          }
        });
    Optional<ObjectNode> existing = secrets.get(namespace, name);
    if (existing.isPresent()) {
      ObjectNode updated = existing.get().deepCopy();
      updated.set("data", data);
      updated.remove("stringData");
      updated.put("type", type);
      secrets.update(updated);
    } else {
      secrets.create(secret);
    }
    audit.record(
        access.currentUsername(),
        existing.isPresent() ? "secret.update" : "secret.create",
        "Secret " + namespace + "/" + name,
        Map.of("namespace", namespace, "type", type));
  }

  /** Whether the namespace has a Secret of that name (of any type). */
  @PreAuthorize("@access.canRead(#namespace)")
  public boolean exists(String namespace, String name) {
    return secrets.get(namespace, name).isPresent();
  }

  /**
   * Whom the VM's cloud-init lets log in (the name only, so any reader of the namespace sees whom
   * to log in as): from the inline user data or the cloud-init Secret it names.
   */
  @PreAuthorize("@access.canRead(#namespace)")
  public Optional<String> loginUser(String namespace, VmObject.Provisioning provisioning) {
    return login(namespace, provisioning, false).map(CloudConfigLogin::user);
  }

  /**
   * That user's password, when the cloud-init carries it in plain text: for an operator or admin of
   * the namespace, and audited as a reveal of the Secret.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public Optional<String> loginPassword(String namespace, VmObject.Provisioning provisioning) {
    return login(namespace, provisioning, true).flatMap(CloudConfigLogin::password);
  }

  private Optional<CloudConfigLogin> login(
      String namespace, VmObject.Provisioning provisioning, boolean reveal) {
    if (provisioning == null || provisioning.isSysprep()) {
      return Optional.empty();
    }
    if (provisioning.secretName() == null) {
      return CloudConfigLogin.of(provisioning.userData());
    }
    Optional<ObjectNode> secret =
        secrets
            .get(namespace, provisioning.secretName())
            .filter(s -> ProvisioningTypes.CLOUD_INIT.equals(s.path("type").asText()));
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> values =
        reveal ? reveal(namespace, provisioning.secretName()) : values(secret.get());
    return CloudConfigLogin.of(values.get("userData"));
  }

  /** The Secret's values decoded, stringData over data as the API server merges them. */
  private static Map<String, String> values(JsonNode secret) {
    Map<String, String> values = new LinkedHashMap<>();
    secret
        .path("data")
        .fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(),
                    new String(
                        Base64.getDecoder().decode(e.getValue().asText()),
                        StandardCharsets.UTF_8)));
    secret
        .path("stringData")
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  private static List<String> keys(JsonNode secret) {
    List<String> keys = new ArrayList<>();
    secret.path("data").fieldNames().forEachRemaining(keys::add);
    secret.path("stringData").fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}

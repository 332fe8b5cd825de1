package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the protobuf bodies of kubectl's typed commands ({@code create namespace}, {@code create
 * secret}, {@code create configmap}, {@code create serviceaccount}): client-go sends built-in kinds
 * in Kubernetes' protobuf encoding, "k8s\0" and a runtime.Unknown wrapping the object. The store
 * keeps JSON, so the object is read into its JSON form.
 *
 * <p>Only what those commands can set is read. Field numbers are those of k8s.io/api core/v1 and
 * apimachinery meta/v1 {@code generated.proto}; fields the server sets itself (uid,
 * resourceVersion, timestamps, status) are skipped.
 */
final class ProtobufBodies {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /** Whether a protobuf body of this kind is read; any other is refused with 415. */
  static boolean reads(String kind) {
    return KIND_FIELDS.containsKey(kind);
  }

  /**
   * The JSON form of a protobuf body of {@code kind}.
   *
   * @throws InvalidProtocolBufferException when the body is not such an object
   */
  static String toJson(String kind, byte[] body) throws InvalidProtocolBufferException {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw new InvalidProtocolBufferException(
          "the body does not start with Kubernetes' protobuf prefix k8s\\0");
    }
    ObjectNode object = Patches.JSON.createObjectNode();
    ByteString[] raw = new ByteString[1];
    // runtime.Unknown: typeMeta (1) says what the object is, raw (2) holds it.
    read(
        CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length),
        (field, in) -> {
          if (field == 1) {
            read(in.readBytes(), fields(TYPE_META, object));
          } else if (field == 2) {
            raw[0] = in.readBytes();
          } else {
            return false;
          }
          return true;
        });
    if (!kind.equals(object.path("kind").asText()) || raw[0] == null) {
      throw new InvalidProtocolBufferException(
          "the body is not a "
              + kind
              + " (its type is "
              + object.path("apiVersion").asText()
              + " "
              + object.path("kind").asText()
              + ")");
    }
    read(raw[0], fields(KIND_FIELDS.get(kind), object));
    return object.toString();
  }

  /** How one field is read into the JSON object that holds it. */
  private interface Field {
    void read(CodedInputStream in, ObjectNode into) throws IOException;
  }

  private static Field string(String name) {
    return (in, into) -> into.put(name, in.readStringRequireUtf8());
  }

  private static Field bool(String name) {
    return (in, into) -> into.put(name, in.readBool());
  }

  private static Field stringList(String name) {
    return (in, into) -> into.withArrayProperty(name).add(in.readStringRequireUtf8());
  }

  /** A map, sent as one entry (key 1, value 2) per occurrence; bytes values are base64 in JSON. */
  private static Field map(String name, boolean bytesValues) {
    return (in, into) -> {
      String[] entry = {"", ""};
      read(
          in.readBytes(),
          (field, e) -> {
            if (field == 1) {
              entry[0] = e.readStringRequireUtf8();
            } else if (field == 2) {
              entry[1] =
                  bytesValues
                      ? Base64.getEncoder().encodeToString(e.readByteArray())
                      : e.readStringRequireUtf8();
            } else {
              return false;
            }
            return true;
          });
      into.withObjectProperty(name).put(entry[0], entry[1]);
    };
  }

  private static Field object(String name, Map<Integer, Field> fields) {
    return (in, into) -> read(in.readBytes(), fields(fields, into.withObjectProperty(name)));
  }

  private static final Map<Integer, Field> TYPE_META =
      Map.of(1, string("apiVersion"), 2, string("kind"));

  /** ObjectMeta: what a create may set; the server sets the rest. */
  private static final Field METADATA =
      object(
          "metadata",
          Map.of(
              1,
              string("name"),
              2,
              string("generateName"),
              3,
              string("namespace"),
              11,
              map("labels", false),
              12,
              map("annotations", false),
              14,
              stringList("finalizers")));

  private static final Map<String, Map<Integer, Field>> KIND_FIELDS =
      Map.of(
          "Namespace", Map.of(1, METADATA, 2, object("spec", Map.of(1, stringList("finalizers")))),
          "Secret",
              Map.of(
                  1,
                  METADATA,
                  2,
                  map("data", true),
                  3,
                  string("type"),
                  4,
                  map("stringData", false),
                  5,
                  bool("immutable")),
          "ConfigMap",
              Map.of(
                  1,
                  METADATA,
                  2,
                  map("data", false),
                  3,
                  map("binaryData", true),
                  4,
                  bool("immutable")),
          "ServiceAccount", Map.of(1, METADATA, 4, bool("automountServiceAccountToken")));

  private static FieldReader fields(Map<Integer, Field> fields, ObjectNode into) {
    return (number, in) -> {
      Field f = fields.get(number);
      if (f == null) {
        return false;
      }
      f.read(in, into);
      return true;
    };
  }

  /** Reads a field's value and says so, or says false to have it skipped. */
  private interface FieldReader {
    boolean read(int field, CodedInputStream in) throws IOException;
  }

  private static void read(ByteString message, FieldReader reader)
      throws InvalidProtocolBufferException {
    read(message.newCodedInput(), reader);
  }

  private static void read(CodedInputStream in, FieldReader reader)
      throws InvalidProtocolBufferException {
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (!reader.read(WireFormat.getTagFieldNumber(tag), in)) {
          in.skipField(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }
}

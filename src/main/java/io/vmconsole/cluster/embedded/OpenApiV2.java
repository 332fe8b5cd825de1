package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The OpenAPI v2 document, for kubectl before 1.27 (Debian 12's is 1.20): its apply, create and
 * replace validate with it, asked as protobuf ({@code
 * application/com.github.proto-openapi.spec.v2@v1.0+protobuf}, gnostic's {@code
 * openapi.v2.Document}), and fail when it is missing. It defines no schemas: kubectl then leaves
 * validation to the server (our admission, which names the field), as it does for any kind without
 * one, and sends merge patches for our kinds, as for CRDs.
 */
final class OpenApiV2 {

  static final String PATH = "/openapi/v2";

  /**
   * The body type kube-apiserver answers with: client-go's media-type parser refuses the requested
   * one.
   */
  static final String PROTOBUF_CONTENT_TYPE = "application/octet-stream";

  private static final String SWAGGER = "2.0";
  private static final String TITLE = "vm-console embedded API";
  private static final String VERSION = "v1";

  // Field numbers of openapi.v2.Document and openapi.v2.Info (gnostic's OpenAPIv2.proto).
  private static final int DOCUMENT_SWAGGER = 1;
  private static final int DOCUMENT_INFO = 2;
  private static final int DOCUMENT_PATHS = 8;
  private static final int INFO_TITLE = 1;
  private static final int INFO_VERSION = 2;

  private static final byte[] PROTOBUF_DOCUMENT = encode();

  private OpenApiV2() {}

  static boolean serves(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.equals(PATH) || path.equals(PATH + "/");
  }

  static boolean wantsProtobuf(String accept) {
    return accept != null && accept.contains("protobuf");
  }

  static byte[] protobuf() {
    return PROTOBUF_DOCUMENT.clone();
  }

  static JsonNode json() {
    ObjectNode doc = Patches.JSON.createObjectNode().put("swagger", SWAGGER);
    doc.putObject("info").put("title", TITLE).put("version", VERSION);
    doc.putObject("paths");
    return doc;
  }

  private static byte[] encode() {
    byte[] info =
        message(
            out -> {
              out.writeString(INFO_TITLE, TITLE);
              out.writeString(INFO_VERSION, VERSION);
            });
    return message(
        out -> {
          out.writeString(DOCUMENT_SWAGGER, SWAGGER);
          out.writeByteArray(DOCUMENT_INFO, info);
          out.writeByteArray(DOCUMENT_PATHS, new byte[0]); // present and empty, as "paths": {}
        });
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      fields.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

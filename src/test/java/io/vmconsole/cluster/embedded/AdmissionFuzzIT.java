package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.vmconsole.api.validation.ClusterFacts;
import io.vmconsole.api.validation.ResourceAdmission;
import io.vmconsole.vm.edit.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 acceptance: 10,000 mutated VirtualMachine, VirtualMachineIPAddress and
 * VirtualMachineBlockDeviceAttachment documents go through the YAML editor's parser and over HTTP
 * through the API server's admission, as creates and as updates of stored objects, some as JSON
 * text cut or broken on the way. Every answer is below 500; the parser either parses or names a
 * line; a refused create stores nothing and a refused update leaves the stored object as it was.
 * The server runs alone (real CRDs, the product's admission with fixed cluster facts), so that
 * accepted VMs do not start controllers working. The seed is fixed; {@code -Dfuzz.seed=N} tries
 * another.
 */
class AdmissionFuzzIT {
  static final int DOCUMENTS = 10_000;
  static final long SEED = Long.getLong("fuzz.seed", 20_261_205L);
  static final String NS = "default";
  static final String BASE = "/apis/virtualization.deckhouse.io/v1alpha2/namespaces/" + NS + "/";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One kind to fuzz: its collection, the object kept stored for updates, and a seed for creates.
   */
  record Kind(String plural, String stored, String seedYaml) {
    ObjectNode seed(String name) {
      ObjectNode object = YamlDocument.parse(seedYaml);
      ((ObjectNode) object.get("metadata")).put("name", name);
      return object;
    }
  }

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "virtualmachines",
              "fuzz-vm",
              """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata:
            name: fuzz-vm
            labels: {app: fuzz, tier: web}
            annotations: {note: seed}
          spec:
            virtualMachineClassName: generic
            runPolicy: AlwaysOff
            virtualMachineIPAddressName: fuzz-ip
            osType: Generic
            bootloader: BIOS
            enableParavirtualization: true
            terminationGracePeriodSeconds: 20
            liveMigrationPolicy: PreferSafe
            disruptions: {restartApprovalMode: Manual}
            cpu: {cores: 1, coreFraction: 10%}
            memory: {size: 256Mi}
            blockDeviceRefs:
              - {kind: VirtualDisk, name: fuzz-root}
              - {kind: ClusterVirtualImage, name: fuzz-image}
            provisioning:
              type: UserData
              userData: |
                #cloud-config
                ssh_pwauth: true
            nodeSelector: {kubernetes.io/os: linux}
            tolerations:
              - {key: dedicated, operator: Equal, value: vms, effect: NoSchedule}
          """),
          new Kind(
              "virtualmachineipaddresses",
              "fuzz-ip",
              """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachineIPAddress
          metadata:
            name: fuzz-ip
            labels: {app: fuzz}
          spec:
            type: Static
            staticIP: 10.66.10.7
          """),
          new Kind(
              "virtualmachineblockdeviceattachments",
              "fuzz-att",
              """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachineBlockDeviceAttachment
          metadata:
            name: fuzz-att
          spec:
            virtualMachineName: fuzz-vm
            blockDeviceRef: {kind: VirtualDisk, name: fuzz-data}
          """));

  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static HttpClient http;
  private static String url;
  private final DocumentMutator mutator = new DocumentMutator(SEED);
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @BeforeAll
  static void startServer() throws Exception {
    Path dir = TestServers.newDataDir("fuzz");
    server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(0)
            .token(TestServers.TOKEN)
            .admission(new ResourceAdmission(new Facts()))
            .customResourceDefinitions(TestServers.crds())
            .build()
            .start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    Files.readString(server.writeKubeconfig(dir.resolve("kubeconfig")))))
            .build();
    http = client.getHttpClient();
    url = server.url();
    for (Kind kind : KINDS) {
      assertThat(
              send("POST", BASE + kind.plural(), JSON.writeValueAsString(kind.seed(kind.stored())))
                  .code())
          .as("the unmutated %s is admitted", kind.stored())
          .isEqualTo(201);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void anEnvelopeFieldOfTheWrongTypeIsA400NamingItAndNothingIsStored() throws Exception {
    for (String metadata :
        List.of(
            "\"x\"",
            "{\"name\": 7}",
            "{\"name\": \"shape-1\", \"labels\": {\"a\": 1}}",
            "{\"name\": \"shape-2\", \"finalizers\": \"x\"}",
            "{\"name\": \"shape-3\", \"generation\": 1.5}")) {
      HttpResponse<String> answer =
          send(
              "POST",
              BASE + "virtualmachineipaddresses",
              "{\"apiVersion\": \"virtualization.deckhouse.io/v1alpha2\", \"kind\": \"VirtualMachineIPAddress\","
                  + " \"metadata\": "
                  + metadata
                  + ", \"spec\": {\"type\": \"Auto\"}}");
      assertThat(answer.code()).as(metadata).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("message").asText())
          .as(metadata)
          .containsPattern("metadata(\\.name|\\.labels\\.a|\\.finalizers|\\.generation)?: must be");
    }
    for (String name : List.of("shape-1", "shape-2", "shape-3")) {
      assertThat(send("GET", BASE + "virtualmachineipaddresses/" + name, null).code())
          .isEqualTo(404);
    }
  }

  @Test
  void aBodyOverKubernetesLimitIsA413() throws Exception {
    ObjectNode vm = KINDS.get(0).seed("too-large");
    ((ObjectNode) vm.get("metadata"))
        .putObject("annotations")
        .put("big", "x".repeat(4 * 1024 * 1024));
    HttpResponse<String> answer =
        send("POST", BASE + "virtualmachines", JSON.writeValueAsString(vm));
    assertThat(answer.code()).isEqualTo(413);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo("Request entity too large: limit is 3145728");
  }

  @Test
  void annotationsOver256KiBInTotalAreRefusedNamingTheLimit() throws Exception {
    ObjectNode vm = KINDS.get(0).seed("annotated");
    ObjectNode annotations = ((ObjectNode) vm.get("metadata")).putObject("annotations");
    // Three values of 100 KiB: each alone is allowed, together they pass the limit.
    for (String key : List.of("a", "b", "c")) {
      annotations.put("example.com/" + key, "x".repeat(100 * 1024));
    }
    HttpResponse<String> created =
        send("POST", BASE + "virtualmachines", JSON.writeValueAsString(vm));
    assertThat(created.code()).isEqualTo(422);
    assertThat(JSON.readTree(created.body()).path("message").asText())
        .contains("metadata.annotations: Too long: must have at most 262144 bytes");
    assertThat(send("GET", BASE + "virtualmachines/annotated", null).code()).isEqualTo(404);

    ObjectNode stored = get(KINDS.get(0), KINDS.get(0).stored());
    ObjectNode grown = stored.deepCopy();
    ((ObjectNode) grown.get("metadata")).set("annotations", annotations);
    HttpResponse<String> updated =
        send(
            "PUT",
            BASE + "virtualmachines/" + KINDS.get(0).stored(),
            JSON.writeValueAsString(grown));
    assertThat(updated.code()).isEqualTo(422);
    assertThat(
            JSON.readTree(updated.body())
                .path("details")
                .path("causes")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("metadata.annotations");
    assertThat(get(KINDS.get(0), KINDS.get(0).stored())).isEqualTo(stored);
  }

  @Test
  void tenThousandMutatedDocumentsGetNo5xxNoUncaughtExceptionAndNothingHalfWritten() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      Kind kind = KINDS.get(i % KINDS.size());
      try {
        fuzzOne(kind, i, created);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(
            "document " + i + " of seed " + SEED + " (" + kind.plural() + ")", e);
      }
    }
    System.out.println(
        "[AdmissionFuzzIT] seed " + SEED + ", " + DOCUMENTS + " documents: " + outcomes);
    // Each outcome happened, so the mutations reach both sides of admission and of the parser.
    assertThat(outcomes)
        .containsKeys(
            "create 201",
            "create 422",
            "update 200",
            "update 422",
            "parser syntax error",
            "broken JSON 400");
  }

  private void fuzzOne(Kind kind, int i, Set<String> created) throws Exception {
    ObjectNode document;
    boolean update = mutator.chance(40);
    ObjectNode base = update ? get(kind, kind.stored()) : kind.seed("fuzz-new-" + i);
    if (mutator.chance(30)) {
      // As typed in the YAML tab.
      String text = mutator.mutate(YamlDocument.write(base));
      try {
        document = YamlDocument.parse(text);
      } catch (YamlDocument.SyntaxError e) {
        assertThat(e.line()).isBetween(1, (int) text.lines().count() + 1);
        count("parser syntax error");
        return;
      }
      for (String field :
          List.of("spec", "spec.blockDeviceRefs[1].name", "metadata.labels.app", "x[9].y")) {
        YamlDocument.lineOf(text, field);
      }
    } else {
      document = mutator.mutate(base);
    }
    String body = JSON.writeValueAsString(document);
    if (mutator.chance(5)) {
      // A client that sends broken JSON.
      body = body.substring(0, mutator.nextInt(body.length()));
    }
    String path = update ? BASE + kind.plural() + "/" + kind.stored() : BASE + kind.plural();
    ObjectNode before = update ? base : null;
    HttpResponse<String> answer = send(update ? "PUT" : "POST", path, body);
    String outcome = (update ? "update " : "create ") + answer.code();
    assertThat(answer.code())
        .as("%s of %s", outcome, body.length() > 2000 ? body.substring(0, 2000) : body)
        .isLessThan(500);
    count(answer.code() == 400 && !isJson(body) ? "broken JSON 400" : outcome);
    if (answer.code() >= 400) {
      assertThat(JSON.readTree(answer.body()).path("kind").asText())
          .as(answer.body())
          .isEqualTo("Status");
      if (update) {
        assertUnchanged(kind, before);
      } else {
        assertNotStored(kind, document, created);
      }
    } else if (update) {
      restore(kind);
    } else {
      String name = JSON.readTree(answer.body()).path("metadata").path("name").asText();
      created.add(name);
      assertThat(send("DELETE", BASE + kind.plural() + "/" + name, null).code()).isLessThan(300);
    }
  }

  /**
   * Puts the stored object back as seeded, so that the next update mutates the seed, not a mutant.
   */
  private void restore(Kind kind) throws Exception {
    ObjectNode seed = kind.seed(kind.stored());
    ((ObjectNode) seed.get("metadata"))
        .set("resourceVersion", get(kind, kind.stored()).path("metadata").path("resourceVersion"));
    HttpResponse<String> put =
        send("PUT", BASE + kind.plural() + "/" + kind.stored(), JSON.writeValueAsString(seed));
    if (put.code() != 200) {
      // The accepted change cannot be undone by an update (an immutable field): make the object
      // again.
      assertThat(send("DELETE", BASE + kind.plural() + "/" + kind.stored(), null).code())
          .isLessThan(300);
      assertThat(
              send("POST", BASE + kind.plural(), JSON.writeValueAsString(kind.seed(kind.stored())))
                  .code())
          .as("the seed %s is made again", kind.stored())
          .isEqualTo(201);
    }
  }

  private void assertUnchanged(Kind kind, ObjectNode before) throws Exception {
    ObjectNode now = get(kind, kind.stored());
    assertThat(now.path("metadata").path("resourceVersion"))
        .isEqualTo(before.path("metadata").path("resourceVersion"));
    assertThat(now.get("spec")).isEqualTo(before.get("spec"));
  }

  /**
   * A refused create left nothing under the name it asked for (unless an earlier accepted one had
   * it).
   */
  private void assertNotStored(Kind kind, ObjectNode document, Set<String> created)
      throws Exception {
    JsonNode name = document.path("metadata").path("name");
    if (!name.isTextual()
        || !name.asText().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
        || created.contains(name.asText())
        || name.asText().equals(kind.stored())) {
      return;
    }
    assertThat(send("GET", BASE + kind.plural() + "/" + name.asText(), null).code()).isEqualTo(404);
  }

  private static ObjectNode get(Kind kind, String name) throws Exception {
    HttpResponse<String> answer = send("GET", BASE + kind.plural() + "/" + name, null);
    assertThat(answer.code()).isEqualTo(200);
    return (ObjectNode) JSON.readTree(answer.body());
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request = http.newHttpRequestBuilder().uri(url + path);
    if (body != null) {
      request.method(method, "application/json", body);
    } else if (method.equals("DELETE")) {
      request.delete("application/json", "{}");
    }
    // A request the server never answers fails here instead of hanging the run.
    return http.sendAsync(request.build(), String.class)
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static boolean isJson(String body) {
    try {
      JSON.readTree(body);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  /** The facts of the embedded default: its classes' first sizing policy and its address ranges. */
  private static final class Facts implements ClusterFacts {
    private static final ObjectNode GENERIC =
        YamlDocument.parse(
            """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineClass
        metadata: {name: generic}
        spec:
          cpu: {type: Model, model: Nehalem}
          sizingPolicies:
            - cores: {min: 1, max: 4}
              dedicatedCores: [false]
              coreFractions: [5, 10, 20, 50, 100]
              memory: {min: 128Mi, max: 8Gi, step: 1Mi}
        """);

    @Override
    public Optional<ObjectNode> virtualMachineClass(String name) {
      return "generic".equals(name) ? Optional.of(GENERIC.deepCopy()) : Optional.empty();
    }

    @Override
    public List<String> virtualMachineCIDRs() {
      return List.of("10.66.10.0/24", "10.66.20.0/24");
    }

    @Override
    public Optional<ObjectNode> ipAddressLease(String ipv4) {
      return Optional.empty();
    }

    @Override
    public Set<String> allocatedAddresses() {
      return Set.of("10.66.10.9");
    }

    @Override
    public Optional<ObjectNode> virtualDisk(String namespace, String name) {
      return Optional.empty();
    }
  }
}

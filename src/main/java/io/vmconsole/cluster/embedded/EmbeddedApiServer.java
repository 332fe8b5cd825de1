package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.vertx.core.Vertx;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.datadir.OwnerOnly;
import io.vmconsole.pki.CertificateAuthority;
import io.vmconsole.pki.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A Kubernetes API server on 127.0.0.1 for the embedded run: fabric8's CRUD mock server with our
 * dispatcher behind a small front, persisted under a data directory, guarded by a bearer token.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  // Held strongly: java.util.logging forgets levels set on loggers nobody references.
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());
  private static final Logger LOG = Logger.getLogger(EmbeddedApiServer.class.getName());
  private static final long DRAIN_SECONDS = 10;
  private static final String KUBECONFIG_NAME = "embedded";
  private static final java.util.regex.Pattern CRD_KIND =
      java.util.regex.Pattern.compile("(?m)^kind:\\s*[\"']?CustomResourceDefinition[\"']?\\s*$");

  private final Path dataDirectory;
  private final int requestedPort;
  private final String token;
  private final Admission admission;
  private final EvictionHook evictions;
  private final List<CustomResourceDefinition> crds;

  /** Given by the builder, or loaded (made if missing) from the data directory at start. */
  private CertificateAuthority ca;

  private MockWebServer mockWebServer;
  private KubernetesMockServer mock;
  private Persistence persistence;
  private Vertx vertx;
  private ApiFront front;
  private ScheduledExecutorService housekeeping;
  private int port;

  private EmbeddedApiServer(Builder b) {
    this.dataDirectory = Objects.requireNonNull(b.dataDirectory, "dataDirectory");
    this.requestedPort = b.port;
    this.token = Objects.requireNonNull(b.token, "token");
    this.admission = b.admission;
    this.evictions = b.evictions;
    this.crds = List.copyOf(b.crds);
    this.ca = b.certificateAuthority;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every CRD under {@code classpath*:META-INF/crds/*.yaml} (several documents per file allowed).
   */
  public static List<CustomResourceDefinition> classpathCustomResourceDefinitions()
      throws IOException {
    List<CustomResourceDefinition> result = new ArrayList<>();
    for (Resource r :
        new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/crds/*.yaml")) {
      try (InputStream in = r.getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String doc : text.split("(?m)^---\\s*$")) {
          if (CRD_KIND.matcher(doc).find()) {
            result.add(Serialization.unmarshal(doc, CustomResourceDefinition.class));
          }
        }
      }
    }
    return result;
  }

  public synchronized EmbeddedApiServer start() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    BearerTokenAuth auth = new BearerTokenAuth(token);
    KindRegistry kinds = new KindRegistry();
    EmbeddedDispatcher dispatcher =
        new EmbeddedDispatcher(
            kinds, auth, new Discovery(kinds), new Tables(Clock.systemUTC()), admission, evictions);
    for (CustomResourceDefinition crd : crds) {
      learn(dispatcher, kinds, crd);
    }
    dispatcher.addListener(
        (object, oldObject, newObject, finalState) -> {
          if (newObject != null && object.plural().equals("customresourcedefinitions")) {
            // A CRD applied through the API (kubectl apply -f crd.yaml) is served at once, as on a
            // cluster.
            learn(
                dispatcher,
                kinds,
                Patches.JSON.convertValue(newObject, CustomResourceDefinition.class));
          }
        });
    persistence = new Persistence(dataDirectory);
    persistence.load((url, object) -> dispatcher.load(ApiPath.parse(url), object));
    for (CustomResourceDefinition crd : crds) {
      storeIfAbsent(dispatcher, crd);
    }
    // Every cluster has the namespace kubectl and clients use when none is named.
    dispatcher.createIfAbsent(
        ApiPath.parse("/api/v1/namespaces/default"),
        Patches.JSON
            .createObjectNode()
            .put("apiVersion", "v1")
            .put("kind", "Namespace")
            .set("metadata", Patches.JSON.createObjectNode().put("name", "default")));
    dispatcher.addListener(persistence);
    WatchHub hub = new WatchHub(dispatcher.currentResourceVersion());
    dispatcher.addListener(hub);
    persistence.start();

    mockWebServer = new MockWebServer();
    mock =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            mockWebServer,
            new HashMap<>(),
            dispatcher,
            false);
    mock.init(java.net.InetAddress.getLoopbackAddress(), 0);
    vertx = Vertx.vertx();
    front = new ApiFront(vertx, auth, dispatcher, hub, mock.getPort());
    ca =
        ca != null
            ? ca
            : CertificateAuthority.loadOrCreate(
                dataDirectory.resolve("pki"), "vm-console embedded API CA", Clock.systemUTC());
    IssuedCertificate serving =
        ca.servingCertificate(
            "api", List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
    port = listen(serving);
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "embedded-api-housekeeping");
              t.setDaemon(true);
              return t;
            });
    // MockWebServer records every request in an unbounded queue nobody reads: drain it.
    // (Never KubernetesMockServer.reset(): that wipes the store.)
    housekeeping.scheduleWithFixedDelay(
        mockWebServer::reset, DRAIN_SECONDS, DRAIN_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /**
   * Binds the requested port; with 0, the port of the last start on this data directory while it is
   * free (so that kubeconfigs handed out keep working), else any free one, which is then kept.
   */
  private int listen(IssuedCertificate serving) throws IOException {
    Path portFile = dataDirectory.resolve("port");
    int kept =
        requestedPort == 0 && Files.exists(portFile)
            ? Integer.parseInt(Files.readString(portFile).trim())
            : 0;
    int bound;
    if (kept > 0) {
      try {
        bound = front.start(kept, serving);
      } catch (Exception e) {
        LOG.warning(
            "API port "
                + kept
                + " of the last start is taken; kubeconfigs written before must be renewed");
        bound = bind(0, serving);
      }
    } else {
      bound = bind(requestedPort, serving);
    }
    OwnerOnly.write(portFile, Integer.toString(bound));
    return bound;
  }

  private int bind(int wanted, IssuedCertificate serving) throws IOException {
    try {
      return front.start(wanted, serving);
    } catch (Exception e) {
      throw new IOException("cannot listen on 127.0.0.1:" + wanted + ": " + e.getMessage(), e);
    }
  }

  private static void learn(
      EmbeddedDispatcher dispatcher, KindRegistry kinds, CustomResourceDefinition crd) {
    for (ResourceKind k : kinds.register(crd)) {
      dispatcher.expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(k.group())
              .withVersion(k.version())
              .withKind(k.kind())
              .withPlural(k.plural())
              .withScope(k.namespaced() ? "Namespaced" : "Cluster")
              .withStatusSubresource(k.statusSubresource())
              .build());
    }
  }

  private static void storeIfAbsent(EmbeddedDispatcher dispatcher, CustomResourceDefinition crd) {
    ApiPath path =
        ApiPath.parse(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
                + crd.getMetadata().getName());
    ObjectNode json = Patches.JSON.valueToTree(crd);
    dispatcher.createIfAbsent(path, json);
  }

  public String url() {
    return "https://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Writes a kubeconfig (server URL, the CA's certificate, the bearer token), readable by the owner
   * only. It keeps working after a restart on the same data directory: the CA and the port are kept
   * there.
   */
  public Path writeKubeconfig(Path file) throws IOException {
    String caData =
        Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.US_ASCII));
    Config config =
        new ConfigBuilder()
            .withApiVersion("v1")
            .withKind("Config")
            .withClusters(
                new NamedClusterBuilder()
                    .withName(KUBECONFIG_NAME)
                    .withNewCluster()
                    .withServer(url())
                    .withCertificateAuthorityData(caData)
                    .endCluster()
                    .build())
            .withUsers(
                new NamedAuthInfoBuilder()
                    .withName(KUBECONFIG_NAME)
                    .withNewUser()
                    .withToken(token)
                    .endUser()
                    .build())
            .withContexts(
                new NamedContextBuilder()
                    .withName(KUBECONFIG_NAME)
                    .withNewContext()
                    .withCluster(KUBECONFIG_NAME)
                    .withUser(KUBECONFIG_NAME)
                    .withNamespace("default")
                    .endContext()
                    .build())
            .withCurrentContext(KUBECONFIG_NAME)
            .build();
    OwnerOnly.write(file, Serialization.asYaml(config));
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    if (housekeeping != null) {
      housekeeping.shutdownNow();
    }
    try {
      if (front != null) {
        front.close();
      }
    } catch (Exception e) {
      // Closing anyway: the mock and the files below matter more than a clean socket close.
    }
    if (vertx != null) {
      vertx.close();
    }
    if (mock != null) {
      mock.destroy();
    }
    if (persistence != null) {
      persistence.close();
    }
  }

  /** Configuration of an {@link EmbeddedApiServer}. */
  public static final class Builder {
    private Path dataDirectory;
    private int port;
    private String token;
    private Admission admission = Admission.ALLOW_ALL;
    private EvictionHook evictions = EvictionHook.GRANT;
    private final List<CustomResourceDefinition> crds = new ArrayList<>();
    private CertificateAuthority certificateAuthority;

    private Builder() {}

    /** Where objects are persisted (created if missing). */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = dir;
      return this;
    }

    /**
     * The API port on 127.0.0.1; 0 (default) takes the last start's port while free, else any free
     * one.
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The bearer token every request must carry. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Reviews every create/update/patch of a custom kind; defaults to admitting everything. */
    public Builder admission(Admission admission) {
      this.admission = Objects.requireNonNull(admission);
      return this;
    }

    /** Decides pod evictions (drain); defaults to granting every one. */
    public Builder evictions(EvictionHook evictions) {
      this.evictions = Objects.requireNonNull(evictions);
      return this;
    }

    /** Kinds to serve (plus the built-in core kinds); the CRD objects are stored too. */
    public Builder customResourceDefinitions(List<CustomResourceDefinition> crds) {
      this.crds.addAll(crds);
      return this;
    }

    /**
     * The CA that issues the serving certificate; defaults to one kept in {@code
     * <dataDirectory>/pki}.
     */
    public Builder certificateAuthority(CertificateAuthority ca) {
      this.certificateAuthority = Objects.requireNonNull(ca);
      return this;
    }

    public EmbeddedApiServer build() {
      return new EmbeddedApiServer(this);
    }
  }
}

package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.embedded.store.ObjectStore;
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
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A Kubernetes API server on 127.0.0.1 for the embedded run: a Vert.x front, a request pipeline and
 * a durable object store under a data directory ({@code <data>/store}), guarded by a bearer token.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedApiServer.class.getName());
  private static final String CRD_COLLECTION =
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
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

  private final ObjectStore.Settings storeSettings;
  private ObjectStore store;
  private Vertx vertx;
  private ApiFront front;
  private int port;

  private EmbeddedApiServer(Builder b) {
    this.dataDirectory = Objects.requireNonNull(b.dataDirectory, "dataDirectory");
    this.requestedPort = b.port;
    this.token = Objects.requireNonNull(b.token, "token");
    this.admission = b.admission;
    this.evictions = b.evictions;
    this.crds = List.copyOf(b.crds);
    this.ca = b.certificateAuthority;
    this.storeSettings = b.storeSettings;
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
    BearerTokenAuth auth = new BearerTokenAuth(token);
    KindRegistry kinds = new KindRegistry();
    crds.forEach(kinds::register);
    store = ObjectStore.open(dataDirectory.resolve("store"), storeSettings);
    int migrated = LegacyObjectFiles.migrate(dataDirectory, store);
    if (migrated > 0) {
      LOG.info("read " + migrated + " objects of the old one-file-per-object layout");
    }
    // CRDs applied through the API in earlier runs are served again.
    ApiPath crdPath = ApiPath.parse(CRD_COLLECTION);
    StoredObjects objects = new StoredObjects(store);
    store
        .read(() -> objects.list(crdPath))
        .forEach(o -> kinds.register(Patches.JSON.convertValue(o, CustomResourceDefinition.class)));
    store.addListener(
        change -> {
          if (change.newObject() != null
              && change.key().plural().equals("customresourcedefinitions")) {
            // A CRD applied through the API (kubectl apply -f crd.yaml) is served at once, as on a
            // cluster: before the create is acknowledged.
            kinds.register(
                Patches.JSON.convertValue(change.newObject(), CustomResourceDefinition.class));
          }
        });
    Writes writes = new Writes(objects, admission);
    for (CustomResourceDefinition crd : crds) {
      createIfAbsent(
          objects,
          writes,
          kinds,
          ApiPath.parse(CRD_COLLECTION + "/" + crd.getMetadata().getName()),
          Patches.JSON.valueToTree(crd));
    }
    // Every cluster has the namespace kubectl and clients use when none is named.
    createIfAbsent(
        objects,
        writes,
        kinds,
        ApiPath.parse("/api/v1/namespaces/default"),
        Patches.JSON
            .createObjectNode()
            .put("apiVersion", "v1")
            .put("kind", "Namespace")
            .set("metadata", Patches.JSON.createObjectNode().put("name", "default")));
    store.whenDurable().join();
    WatchHub hub = new WatchHub(store.read(store::resourceVersion));
    store.addListener(hub);
    Tables tables = new Tables(Clock.systemUTC());
    RequestPipeline pipeline =
        new RequestPipeline(
            kinds,
            auth,
            new Discovery(kinds),
            tables,
            objects,
            writes,
            new Evictions(objects, writes, evictions));
    vertx = Vertx.vertx();
    front = new ApiFront(vertx, auth, pipeline, objects, kinds, tables, hub);
    ca =
        ca != null
            ? ca
            : CertificateAuthority.loadOrCreate(
                dataDirectory.resolve("pki"), "vm-console embedded API CA", Clock.systemUTC());
    IssuedCertificate serving =
        ca.servingCertificate(
            "api", List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
    port = listen(serving);
    return this;
  }

  /** Stores a server-defined object (a CRD we were given) unless a previous run stored it. */
  private static void createIfAbsent(
      StoredObjects objects, Writes writes, KindRegistry kinds, ApiPath path, ObjectNode object) {
    ResourceKind kind = kinds.find(path.group(), path.version(), path.plural()).orElseThrow();
    objects
        .store()
        .write(
            () ->
                objects.stored(path) != null ? null : writes.create(kind, path, object.toString()));
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

  /** How often the store forced its log so far (benchmarks print writes per fsync). */
  public long storeForces() {
    return store.forces();
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
    try {
      if (front != null) {
        front.close();
      }
    } catch (Exception e) {
      // Closing anyway: the store below matters more than a clean socket close.
    }
    if (vertx != null) {
      vertx.close();
    }
    if (store != null) {
      store.close();
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
    private ObjectStore.Settings storeSettings = ObjectStore.Settings.DEFAULT;

    private Builder() {}

    /** How the store keeps its files (a test's device, a snapshot size); defaults to the disk. */
    public Builder storeSettings(ObjectStore.Settings settings) {
      this.storeSettings = Objects.requireNonNull(settings);
      return this;
    }

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

package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.attachments.DiskAttachmentService;
import io.vmconsole.audit.AuditQuery;
import io.vmconsole.audit.AuditService;
import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleService;
import io.vmconsole.ipam.IpAddressService;
import io.vmconsole.nodes.NodeService;
import io.vmconsole.operations.OperationService;
import io.vmconsole.operations.VmRef;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.shell.NamespaceService;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.HttpUser;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmEditService;
import io.vmconsole.vm.VmQuery;
import io.vmconsole.vm.VmSort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 16: who may do what, in one table. Every public method of every service (the only way views
 * reach data and agents), every route, every console WebSocket kind and mode and the serial-log
 * download, each as anonymous, viewer, operator, admin, and a user who must still choose a
 * password, in their own namespace and in another. The expected outcome of each cell follows from
 * the row's {@link Rule}; a method or route the table does not list fails the test.
 *
 * <p>Outcomes: DENIED (the service refuses), ALLOWED (it is not refused: it may still throw for the
 * test's throw-away arguments, which are chosen to change nothing that matters), SEES and HIDDEN
 * (for methods that answer with what the user may read: the namespace's objects are there, or are
 * not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends ConsoleIntegrationTest {

  /** Who asks. PENDING signed in with a password they must change first. */
  enum Who {
    ANONYMOUS,
    VIEWER,
    OPERATOR,
    ADMIN,
    PENDING
  }

  enum Outcome {
    ALLOWED,
    DENIED,
    SEES,
    HIDDEN
  }

  /** The rule of a row: what each user gets, in their namespace ({@code own}) and in another. */
  enum Rule {
    /** Any signed-in user; nothing namespaced in it. */
    SIGNED_IN,
    /** Any signed-in user, even one who must change their password: changing it. */
    OWN_PASSWORD,
    /** Refused outside the namespaces the user reads. */
    READ,
    /** Answers only with what the user reads: another namespace's objects are simply not there. */
    READ_FILTERED,
    /** Operators and admins of the namespace. */
    OPERATE,
    /** Admins only. */
    ADMIN;

    Outcome expected(Who who, boolean own) {
      if (who == Who.ANONYMOUS || who == Who.PENDING) {
        return who == Who.PENDING && this == OWN_PASSWORD ? Outcome.ALLOWED : Outcome.DENIED;
      }
      boolean reads = who == Who.ADMIN || own;
      return switch (this) {
        case SIGNED_IN, OWN_PASSWORD -> Outcome.ALLOWED;
        case READ -> reads ? Outcome.ALLOWED : Outcome.DENIED;
        case READ_FILTERED -> reads ? Outcome.SEES : Outcome.HIDDEN;
        case OPERATE ->
            who == Who.ADMIN || who == Who.OPERATOR && own ? Outcome.ALLOWED : Outcome.DENIED;
        case ADMIN -> who == Who.ADMIN ? Outcome.ALLOWED : Outcome.DENIED;
      };
    }
  }

  /**
   * A call of one service method in a namespace; READ_FILTERED calls answer whether they saw its
   * objects.
   */
  interface Call {
    Object in(String namespace) throws Exception;
  }

  record Row(String method, Rule rule, Call call) {}

  @Autowired VirtualMachineService vms;
  @Autowired VmEditService edits;
  @Autowired OperationService operations;
  @Autowired DiskAttachmentService attachments;
  @Autowired IpAddressService ips;
  @Autowired NodeService nodes;
  @Autowired AuditService audit;
  @Autowired NamespaceService namespaceService;
  @Autowired ProvisioningSecretService secrets;
  @Autowired ConsoleService consoles;
  @Autowired UserService userService;

  private String own;
  private String other;
  private final Map<Who, String> names = new LinkedHashMap<>();
  private final List<FirmwareVm> running = new ArrayList<>();

  /**
   * The VM each namespace holds (same name in both), running, so consoles and the serial log are
   * real.
   */
  private static final String VM = "matrix-vm";

  private List<Row> rows() {
    ObjectNode vmDoc = JsonNodeFactory.instance.objectNode();
    return List.of(
        // VMs
        new Row(
            "VirtualMachineService.find",
            Rule.READ_FILTERED,
            ns -> !vms.find(new VmQuery(ns, null, null), 0, 50, VmSort.NAME, false).isEmpty()),
        new Row(
            "VirtualMachineService.rows",
            Rule.READ_FILTERED,
            ns -> !vms.rows(new VmQuery(ns, null, null)).isEmpty()),
        new Row(
            "VirtualMachineService.row",
            Rule.READ_FILTERED,
            ns -> vms.row(ns + "/" + VM, VmQuery.ALL).isPresent()),
        new Row("VirtualMachineService.get", Rule.READ_FILTERED, ns -> vms.get(ns, VM).isPresent()),
        new Row("VirtualMachineService.phases", Rule.SIGNED_IN, ns -> vms.phases()),
        new Row(
            "VirtualMachineService.subscribe",
            Rule.SIGNED_IN,
            ns -> unsubscribe(vms.subscribe(k -> {}))),
        new Row("VmEditService.classNames", Rule.SIGNED_IN, ns -> edits.classNames()),
        new Row(
            "VmEditService.coreFractions", Rule.SIGNED_IN, ns -> edits.coreFractions("generic", 1)),
        new Row(
            "VmEditService.sizingPolicy", Rule.SIGNED_IN, ns -> edits.sizingPolicy("generic", 1)),
        new Row("VmEditService.load", Rule.OPERATE, ns -> edits.load(ns, VM)),
        new Row("VmEditService.check", Rule.SIGNED_IN, ns -> edits.check(vmDoc, null)),
        new Row("VmEditService.preview", Rule.SIGNED_IN, ns -> edits.preview(vmDoc, vmDoc)),
        // A document without a name: refused by admission once allowed, so nothing is created.
        new Row(
            "VmEditService.create",
            Rule.OPERATE,
            ns -> edits.create(unnamedVm(ns), List.of(), null)),
        new Row(
            "VmEditService.save",
            Rule.OPERATE,
            ns -> edits.save(ns, "no-such-vm", unnamedVm(ns), unnamedVm(ns))),
        new Row(
            "VmEditService.delete",
            Rule.OPERATE,
            ns -> {
              edits.delete(ns, "no-such-vm");
              return null;
            }),
        new Row(
            "VmEditService.revertPending",
            Rule.OPERATE,
            ns -> {
              edits.revertPending(ns, "no-such-vm");
              return null;
            }),
        new Row(
            "VmEditService.switchToAutomatic",
            Rule.OPERATE,
            ns -> {
              edits.switchToAutomatic(ns, "no-such-vm");
              return null;
            }),
        // Operations (on a VM that does not exist: the operation is refused by admission, or fails)
        new Row(
            "OperationService.run",
            Rule.OPERATE,
            ns -> operations.run(ns, "no-such-vm", "Stop", false)),
        new Row(
            "OperationService.migrate",
            Rule.OPERATE,
            ns -> operations.migrate(ns, "no-such-vm", null, null)),
        new Row(
            "OperationService.cancel",
            Rule.OPERATE,
            ns -> {
              operations.cancel(ns, "no-such-op");
              return null;
            }),
        new Row(
            "OperationService.targetNodes", Rule.SIGNED_IN, ns -> operations.targetNodes("node-1")),
        // No migration runs: what it may answer is nothing, so only the refusal shows.
        new Row("OperationService.migration", Rule.SIGNED_IN, ns -> operations.migration(ns, VM)),
        // Each VM's refusal is its own result: the call itself is not refused.
        new Row(
            "OperationService.runAll",
            Rule.SIGNED_IN,
            ns -> operations.runAll(List.of(new VmRef(ns, "no-such-vm")), "Stop", false)),
        new Row(
            "OperationService.list", Rule.READ_FILTERED, ns -> !operations.list(ns, VM).isEmpty()),
        new Row(
            "OperationService.subscribe",
            Rule.SIGNED_IN,
            ns -> unsubscribe(operations.subscribe(k -> {}))),
        // Disks and attachments
        new Row(
            "DiskAttachmentService.disks",
            Rule.READ_FILTERED,
            ns -> !attachments.disks(ns, VM).isEmpty()),
        new Row(
            "DiskAttachmentService.attachableDisks",
            Rule.READ_FILTERED,
            ns -> attachments.attachableDisks(ns).contains("spare")),
        new Row(
            "DiskAttachmentService.attachable",
            Rule.READ_FILTERED,
            ns -> attachments.attachable(ns, VM).stream().anyMatch(a -> a.name().equals("spare"))),
        new Row(
            "DiskAttachmentService.attach",
            Rule.OPERATE,
            ns ->
                attachments.attach(
                    ns,
                    "no-such-vm",
                    new DiskAttachmentService.Attachable("VirtualDisk", "no-such"))),
        new Row(
            "DiskAttachmentService.attachNewBlankDisk",
            Rule.OPERATE,
            ns -> attachments.attachNewBlankDisk(ns, "no-such-vm", "Bad_Name", "1Gi")),
        new Row(
            "DiskAttachmentService.detach",
            Rule.OPERATE,
            ns -> {
              attachments.detach(ns, "no-such");
              return null;
            }),
        new Row(
            "DiskAttachmentService.subscribe",
            Rule.SIGNED_IN,
            ns -> unsubscribe(attachments.subscribe(k -> {}))),
        // IP addresses
        new Row(
            "IpAddressService.addresses", Rule.READ_FILTERED, ns -> !ips.addresses(ns).isEmpty()),
        new Row("IpAddressService.ipOf", Rule.READ, ns -> ips.ipOf(ns, VM)),
        new Row(
            "IpAddressService.reserveStatic",
            Rule.OPERATE,
            ns -> {
              ips.reserveStatic(ns, "Bad_Name", "x");
              return null;
            }),
        new Row(
            "IpAddressService.release",
            Rule.OPERATE,
            ns -> {
              ips.release(ns, "no-such");
              return null;
            }),
        new Row(
            "IpAddressService.keepAfterVmDeletion",
            Rule.OPERATE,
            ns -> {
              ips.keepAfterVmDeletion(ns, "no-such", true, "no-such-vm", "no-uid");
              return null;
            }),
        new Row("IpAddressService.leases", Rule.ADMIN, ns -> ips.leases()),
        new Row("IpAddressService.pools", Rule.ADMIN, ns -> ips.pools()),
        new Row("IpAddressService.cidrs", Rule.ADMIN, ns -> ips.cidrs()),
        new Row(
            "IpAddressService.saveCidrs",
            Rule.ADMIN,
            ns -> {
              ips.saveCidrs(List.of("not-a-cidr"));
              return null;
            }),
        // Nodes
        new Row("NodeService.nodes", Rule.ADMIN, ns -> nodes.nodes()),
        new Row(
            "NodeService.cordon",
            Rule.ADMIN,
            ns -> {
              nodes.cordon("no-such-node");
              return null;
            }),
        new Row(
            "NodeService.uncordon",
            Rule.ADMIN,
            ns -> {
              nodes.uncordon("no-such-node");
              return null;
            }),
        new Row("NodeService.drainPlan", Rule.ADMIN, ns -> nodes.drainPlan("no-such-node")),
        new Row(
            "NodeService.startDrain",
            Rule.ADMIN,
            ns -> {
              nodes.startDrain("no-such-node");
              return null;
            }),
        new Row(
            "NodeService.cancelDrain",
            Rule.ADMIN,
            ns -> {
              nodes.cancelDrain("no-such-node");
              return null;
            }),
        new Row("NodeService.drainProgress", Rule.ADMIN, ns -> nodes.drainProgress("no-such-node")),
        new Row("NodeService.subscribe", Rule.ADMIN, ns -> unsubscribe(nodes.subscribe(() -> {}))),
        // Audit: the admin's secret in each namespace was recorded at the start.
        new Row(
            "AuditService.find",
            Rule.READ_FILTERED,
            ns ->
                audit.find(new AuditQuery(null, null, null)).stream()
                    .anyMatch(r -> r.target() != null && r.target().contains(ns + "/"))),
        // Namespaces
        new Row(
            "NamespaceService.readable",
            Rule.READ_FILTERED,
            ns -> namespaceService.readable().contains(ns)),
        new Row(
            "NamespaceService.create",
            Rule.ADMIN,
            ns -> {
              namespaceService.create("Bad_Name");
              return null;
            }),
        // Provisioning secrets: one named "init" in each namespace.
        new Row("ProvisioningSecretService.list", Rule.READ, ns -> secrets.list(ns)),
        new Row("ProvisioningSecretService.reveal", Rule.OPERATE, ns -> secrets.reveal(ns, "init")),
        new Row("ProvisioningSecretService.exists", Rule.READ, ns -> secrets.exists(ns, "init")),
        new Row(
            "ProvisioningSecretService.loginUser",
            Rule.READ,
            ns -> secrets.loginUser(ns, new VmObject.Provisioning("UserDataRef", "", "init"))),
        new Row(
            "ProvisioningSecretService.loginPassword",
            Rule.OPERATE,
            ns -> secrets.loginPassword(ns, new VmObject.Provisioning("UserDataRef", "", "init"))),
        new Row(
            "ProvisioningSecretService.save",
            Rule.OPERATE,
            ns -> {
              secrets.save(ns, "Bad_Name", "x", Map.of());
              return null;
            }),
        // Consoles: what the pages ask before they open one (the WebSockets are their own table
        // below)
        new Row(
            "ConsoleService.target", Rule.READ_FILTERED, ns -> consoles.target(ns, VM).isPresent()),
        new Row(
            "ConsoleService.mayOpen",
            Rule.READ_FILTERED,
            ns -> consoles.mayOpen(ns, ConsoleKind.SERIAL, false)),
        new Row("ConsoleService.mayInteract", Rule.SIGNED_IN, ns -> consoles.mayInteract(ns)),
        new Row(
            "ConsoleService.serialLog",
            Rule.READ_FILTERED,
            ns -> consoles.serialLog(ns, VM).isPresent()),
        new Row(
            "ConsoleService.sshCommand",
            Rule.READ_FILTERED,
            ns -> consoles.sshCommand(ns, VM).isPresent()),
        // Users
        new Row("UserService.list", Rule.ADMIN, ns -> userService.list()),
        new Row(
            "UserService.create",
            Rule.ADMIN,
            ns -> {
              userService.create("Bad Name", "x", Role.VIEWER, List.of());
              return null;
            }),
        new Row(
            "UserService.update",
            Rule.ADMIN,
            ns -> {
              userService.update(spareUser(), Role.VIEWER, List.of());
              return null;
            }),
        new Row(
            "UserService.resetPassword",
            Rule.ADMIN,
            ns -> {
              userService.resetPassword(spareUser(), "short");
              return null;
            }),
        new Row(
            "UserService.delete",
            Rule.ADMIN,
            ns -> {
              userService.delete(spareUser());
              return null;
            }),
        new Row(
            "UserService.changeOwnPassword",
            Rule.OWN_PASSWORD,
            ns -> {
              userService.changeOwnPassword("not-my-password", "x");
              return null;
            }));
  }

  /**
   * Route → who may enter; from the annotations Vaadin's navigation control reads, checked the same
   * way.
   */
  private static final Map<String, Set<Who>> ROUTES =
      Map.ofEntries(
          Map.entry(
              "login", Set.of(Who.ANONYMOUS, Who.VIEWER, Who.OPERATOR, Who.ADMIN, Who.PENDING)),
          Map.entry("", signedIn()),
          Map.entry("vms", signedIn()),
          Map.entry("vms/:namespace/:name", signedIn()),
          Map.entry("vms/new", Set.of(Who.OPERATOR, Who.ADMIN, Who.PENDING)),
          Map.entry("vms/:namespace/:name/edit", Set.of(Who.OPERATOR, Who.ADMIN, Who.PENDING)),
          Map.entry("console/:kind/:namespace/:name", signedIn()),
          Map.entry("ip-addresses", signedIn()),
          Map.entry("settings/ip-pool", Set.of(Who.ADMIN)),
          Map.entry("nodes", Set.of(Who.ADMIN)),
          Map.entry("operations", signedIn()),
          Map.entry("audit", signedIn()),
          Map.entry("provisioning-secrets", signedIn()),
          Map.entry("users", Set.of(Who.ADMIN)),
          Map.entry("account", signedIn()));

  /**
   * Every role may enter. PENDING (an operator here) enters what its role may by the annotations,
   * and is then taken to the account page before anything shows (LoginE2E shows it).
   */
  private static Set<Who> signedIn() {
    return Set.of(Who.VIEWER, Who.OPERATOR, Who.ADMIN, Who.PENDING);
  }

  @BeforeAll
  void twoNamespacesWithAVmEach() {
    own = newNamespace("matrix-own");
    other = newNamespace("matrix-other");
    names.put(Who.VIEWER, newUser("m-viewer", Role.VIEWER, List.of(own)));
    names.put(Who.OPERATOR, newUser("m-operator", Role.OPERATOR, List.of(own)));
    names.put(Who.ADMIN, "admin");
    String pending = newUser("m-pending", Role.OPERATOR, List.of(own));
    users.save(users.find(pending).orElseThrow().withPasswordChangeDemanded());
    names.put(Who.PENDING, pending);
    for (String ns : List.of(own, other)) {
      running.add(FirmwareVm.running(client, ns, VM));
      FirmwareVm.blankDisk(client, ns, "spare");
      signIn("admin");
      // Also recorded in the audit log, naming the namespace.
      secrets.save(
          ns,
          "init",
          io.vmconsole.provisioning.ProvisioningTypes.CLOUD_INIT,
          Map.of("userData", "#cloud-config"));
      SecurityContextHolder.clearContext();
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(1))
        .until(
            () -> {
              signIn("admin");
              try {
                return attachments.attachableDisks(own).contains("spare")
                    && attachments.attachableDisks(other).contains("spare")
                    && !ips.addresses(own).isEmpty()
                    && !ips.addresses(other).isEmpty()
                    && consoles.sshCommand(own, VM).isPresent()
                    && consoles.sshCommand(other, VM).isPresent();
              } finally {
                SecurityContextHolder.clearContext();
              }
            });
  }

  @AfterAll
  void deleteVms() {
    running.forEach(FirmwareVm::delete);
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void everyPublicServiceMethodIsInTheTable() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vmconsole");
    Set<String> publicMethods =
        classes.stream()
            .filter(
                c ->
                    c.getSimpleName().endsWith("Service")
                        && c.getModifiers().contains(JavaModifier.PUBLIC))
            .flatMap(c -> c.getMethods().stream())
            .filter(
                m ->
                    m.getModifiers().contains(JavaModifier.PUBLIC)
                        && !m.getModifiers().contains(JavaModifier.SYNTHETIC))
            .map(AuthorizationMatrixIT::key)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed =
        rows().stream().map(Row::method).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed)
        .as("service methods in the table")
        .containsExactlyInAnyOrderElementsOf(publicMethods);
  }

  @Test
  void serviceMethodsAnswerEachUserAsTheTableSays() {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Row row : rows()) {
      for (Who who : Who.values()) {
        for (boolean inOwn : List.of(true, false)) {
          Outcome expected = row.rule().expected(who, inOwn);
          Outcome actual = outcome(row, who, inOwn ? own : other);
          cells++;
          if (expected != actual) {
            wrong.add(
                "%-45s %-9s %-5s expected %-7s got %s"
                    .formatted(row.method(), who, inOwn ? "own" : "other", expected, actual));
          }
        }
      }
    }
    assertThat(wrong).as("cells of %d that differ from the table", cells).isEmpty();
  }

  @Test
  void everyRouteIsInTheTableAndAdmitsWhomItSays() throws Exception {
    Set<String> routes = new TreeSet<>();
    var scanner =
        new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(
            false);
    scanner.addIncludeFilter(
        new org.springframework.core.type.filter.AnnotationTypeFilter(Route.class));
    AccessAnnotationChecker checker = new AccessAnnotationChecker();
    List<String> wrong = new ArrayList<>();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    for (var candidate : scanner.findCandidateComponents("io.vmconsole")) {
      Class<?> view = Class.forName(candidate.getBeanClassName());
      List<String> paths = new ArrayList<>(List.of(view.getAnnotation(Route.class).value()));
      Stream.of(view.getAnnotationsByType(RouteAlias.class)).forEach(a -> paths.add(a.value()));
      for (String path : paths) {
        routes.add(path);
        Set<Who> admitted = ROUTES.getOrDefault(path, Set.of());
        for (Who who : Who.values()) {
          boolean enters =
              who == Who.ANONYMOUS
                  ? checker.hasAccess(view, null, role -> false)
                  : checker.hasAccess(
                      view, principal(who), role -> roleOf(who).authority().equals("ROLE_" + role));
          if (enters != admitted.contains(who)) {
            wrong.add(
                path + " " + who + ": expected " + (admitted.contains(who) ? "enters" : "refused"));
          }
        }
        // Without a session every route but the login sends the browser to the login page.
        String concrete =
            "/" + path.replace(":kind", "serial").replace(":namespace", own).replace(":name", VM);
        HttpResponse<Void> anonymous =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + concrete)).build(),
                HttpResponse.BodyHandlers.discarding());
        boolean toLogin =
            anonymous.statusCode() == 302
                && anonymous.headers().firstValue("Location").orElse("").endsWith("/login");
        if (toLogin == admitted.contains(Who.ANONYMOUS)) {
          wrong.add(concrete + " anonymous over HTTP: " + anonymous.statusCode());
        }
      }
    }
    assertThat(routes)
        .as("routes in the table")
        .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
    assertThat(wrong).isEmpty();
  }

  /**
   * Console WebSockets, kind × mode, and the serial-log download, over HTTP with each user's
   * session.
   */
  @Test
  void consolesAndTheSerialLogAnswerEachUserAsTheTableSays() {
    // kind/mode → who opens it in their own namespace (nobody but an admin in another; anonymous
    // never).
    Map<String, Set<Who>> sockets =
        Map.of(
            "serial?mode=watch", Set.of(Who.VIEWER, Who.OPERATOR, Who.ADMIN),
            "serial?mode=interactive", Set.of(Who.OPERATOR, Who.ADMIN),
            "vnc?mode=watch", Set.of(Who.OPERATOR, Who.ADMIN),
            "vnc?mode=interactive", Set.of(Who.OPERATOR, Who.ADMIN));
    // The serial log: 200 where the user reads, 404 elsewhere (as if the VM were not there), 302 to
    // the login
    // without a session, 403 while a password must be changed.
    List<String> wrong = new ArrayList<>();
    for (Who who : Who.values()) {
      HttpUser user =
          who == Who.ANONYMOUS
              ? HttpUser.withCookie(baseUrl(), "JSESSIONID=none")
              : HttpUser.signIn(
                  baseUrl(), names.get(who), who == Who.ADMIN ? ADMIN_PASSWORD : PASSWORD);
      for (boolean inOwn : List.of(true, false)) {
        String ns = inOwn ? own : other;
        for (var socket : sockets.entrySet()) {
          String[] kindMode = socket.getKey().split("\\?");
          String path = "/console-ws/" + kindMode[0] + "/" + ns + "/" + VM + "?" + kindMode[1];
          boolean opens = socket.getValue().contains(who) && (inOwn || who == Who.ADMIN);
          int status = opens ? opened(user, path) : user.consoleRefusal(path);
          int expected = opens ? 101 : who == Who.ANONYMOUS ? 302 : 403;
          if (status != expected) {
            wrong.add(path + " " + who + ": expected " + expected + ", got " + status);
          }
        }
        int log = user.get("/console-api/serial-log/" + ns + "/" + VM).statusCode();
        int expectedLog =
            switch (who) {
              case ANONYMOUS -> 302;
              case PENDING -> 403;
              case ADMIN -> 200;
              default -> inOwn ? 200 : 404;
            };
        if (log != expectedLog) {
          wrong.add(
              "serial log in "
                  + (inOwn ? "own" : "other")
                  + " "
                  + who
                  + ": expected "
                  + expectedLog
                  + ", got "
                  + log);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static int opened(HttpUser user, String path) {
    try {
      user.openConsole(path).abort();
      return 101;
    } catch (AssertionError e) {
      return user.consoleRefusal(path);
    }
  }

  private Outcome outcome(Row row, Who who, String namespace) {
    if (who == Who.ANONYMOUS) {
      SecurityContextHolder.clearContext();
    } else {
      signIn(names.get(who));
    }
    try {
      Object answer = row.call().in(namespace);
      if (row.rule() == Rule.READ_FILTERED) {
        return Boolean.TRUE.equals(answer) ? Outcome.SEES : Outcome.HIDDEN;
      }
      return Outcome.ALLOWED;
    } catch (AccessDeniedException | AuthenticationException e) {
      return Outcome.DENIED;
    } catch (Exception e) {
      // Not refused: it failed on the throw-away arguments (a bad name, nothing of that name).
      return row.rule() == Rule.READ_FILTERED ? Outcome.HIDDEN : Outcome.ALLOWED;
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static String key(JavaMethod m) {
    return m.getOwner().getSimpleName() + "." + m.getName();
  }

  private static Object unsubscribe(Runnable subscription) {
    subscription.run();
    return null;
  }

  private static ObjectNode unnamedVm(String namespace) {
    ObjectNode vm = JsonNodeFactory.instance.objectNode();
    vm.put("apiVersion", "virtualization.deckhouse.io/v1alpha2").put("kind", "VirtualMachine");
    vm.putObject("metadata").put("namespace", namespace);
    return vm;
  }

  /** A user of its own for a call that changes or deletes it. */
  private String spareUser() {
    String name = "m-spare-" + UUID.randomUUID().toString().substring(0, 6);
    users.save(new io.vmconsole.security.UserAccount(name, "!", Role.VIEWER, List.of()));
    return name;
  }

  private Role roleOf(Who who) {
    return users.find(names.get(who)).orElseThrow().role();
  }

  private Principal principal(Who who) {
    ConsoleUser user = new ConsoleUser(users.find(names.get(who)).orElseThrow(), false);
    return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
  }

  private void signIn(String username) {
    ConsoleUser principal = new ConsoleUser(users.find(username).orElseThrow(), false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }
}

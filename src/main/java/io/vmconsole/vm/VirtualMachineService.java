package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.security.Access;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Reads VMs for the screens: from the informer cache, never by listing the API per request, and
 * only in the namespaces the current user may read.
 */
public class VirtualMachineService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceCache cache;
  private final Access access;
  private final VmSummaryReader reader;
  private final EventSource events;
  private final Map<String, VmSummary> summaries = new ConcurrentHashMap<>();
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

  public VirtualMachineService(
      ResourceCache cache,
      Access access,
      Function<JsonNode, List<String>> validator,
      EventSource events) {
    this.cache = cache;
    this.events = events;
    this.access = access;
    this.reader = new VmSummaryReader(validator);
    cache.addListener(this::onChange);
    cache.list().forEach(this::onChange);
  }

  @PreAuthorize("@access.isSignedIn()")
  public List<VmSummary> find(
      VmQuery query, int offset, int limit, VmSort sort, boolean descending) {
    Comparator<VmSummary> order =
        (sort == null ? VmSort.NAME : sort).comparator(descending).thenComparing(VmSummary::key);
    return visible(query).sorted(order).skip(offset).limit(limit).toList();
  }

  /**
   * The rows matching the query, by key and in no order: a new map of the caller's, which it may
   * change.
   */
  @PreAuthorize("@access.isSignedIn()")
  public Map<String, VmSummary> rows(VmQuery query) {
    return visible(query)
        .collect(Collectors.toMap(VmSummary::key, vm -> vm, (a, b) -> a, HashMap::new));
  }

  /**
   * The row of one VM ({@code namespace/name}), if the user may read it and it matches the query.
   */
  @PreAuthorize("@access.isSignedIn()")
  public Optional<VmSummary> row(String key, VmQuery query) {
    VmSummary vm = summaries.get(key);
    VmQuery q = query == null ? VmQuery.ALL : query;
    return vm != null && access.canRead(vm.namespace()) && q.matches(vm)
        ? Optional.of(vm)
        : Optional.empty();
  }

  @PreAuthorize("@access.isSignedIn()")
  public Optional<VmDetails> get(String namespace, String name) {
    if (!access.canRead(namespace)) {
      return Optional.empty();
    }
    return cache.get(namespace, name).map(this::details);
  }

  /** Every phase that a VM can show, in lifecycle order. */
  @PreAuthorize("@access.isSignedIn()")
  public List<String> phases() {
    return List.of(
        "Pending",
        "Starting",
        "Running",
        "Stopping",
        "Stopped",
        "Migrating",
        "Terminating",
        "Pause",
        "Degraded");
  }

  /**
   * Hear of every change, with the changed VM's {@code namespace/name}. The callback runs on the
   * informer's thread; callers hand it to their own thread.
   */
  @PreAuthorize("@access.isSignedIn()")
  public Runnable subscribe(Consumer<String> listener) {
    subscribers.add(listener);
    return () -> subscribers.remove(listener);
  }

  private Stream<VmSummary> visible(VmQuery query) {
    VmQuery q = query == null ? VmQuery.ALL : query;
    Map<String, Boolean> readable = new ConcurrentHashMap<>();
    return summaries.values().stream()
        .filter(vm -> readable.computeIfAbsent(vm.namespace(), access::canRead))
        .filter(q::matches);
  }

  private void onChange(GenericKubernetesResource resource) {
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    String key = namespace + "/" + name;
    if (cache.get(namespace, name).isPresent()) {
      summaries.put(key, reader.read(cache.get(namespace, name).get()));
    } else {
      summaries.remove(key);
    }
    subscribers.forEach(s -> s.accept(key));
  }

  private VmDetails details(GenericKubernetesResource resource) {
    VmSummary summary = reader.read(resource);
    JsonNode vm = JSON.valueToTree(resource);
    JsonNode status = vm.path("status");
    List<VmDetails.Condition> conditions = new ArrayList<>();
    for (JsonNode c : status.path("conditions")) {
      conditions.add(
          new VmDetails.Condition(
              c.path("type").asText(""),
              c.path("status").asText(""),
              c.path("reason").asText(""),
              c.path("message").asText(""),
              c.path("lastTransitionTime").asText("")));
    }
    List<VmDetails.Transition> transitions = new ArrayList<>();
    for (JsonNode t : status.path("stats").path("phasesTransitions")) {
      transitions.add(
          new VmDetails.Transition(t.path("phase").asText(""), t.path("timestamp").asText("")));
    }
    boolean operates = access.canOperate(summary.namespace());
    List<VmDetails.PendingChange> pending = new ArrayList<>();
    for (JsonNode c : status.path("restartAwaitingChanges")) {
      String path = c.path("path").asText("");
      boolean hidden = !operates && ViewerRedaction.hides(path);
      pending.add(
          new VmDetails.PendingChange(
              path,
              hidden ? ViewerRedaction.HIDDEN : jsonText(c.get("currentValue")),
              hidden ? ViewerRedaction.HIDDEN : jsonText(c.get("desiredValue")),
              c.path("operation").asText("")));
    }
    String yaml =
        operates
            ? Serialization.asYaml(resource)
            : Serialization.asYaml(ViewerRedaction.redact(vm));
    return new VmDetails(
        summary,
        conditions,
        yaml,
        transitions,
        strings(status.path("stats").path("launchTimeDuration")),
        strings(status.path("guestOSInfo")),
        pending,
        events.apply(summary.namespace(), summary.uid(), summary.name()),
        vm.path("spec").path("runPolicy").asText(""),
        vm.path("spec").path("disruptions").path("restartApprovalMode").asText("Manual"),
        disks(vm),
        vm.path("status")
            .path("virtualMachineIPAddressName")
            .asText(vm.path("spec").path("virtualMachineIPAddressName").asText("")),
        vm.path("spec").path("virtualMachineIPAddressName").asText("").isEmpty(),
        lastMigration(status, conditions),
        VmObject.of(vm).migrationBlocker().orElse(null),
        VmObject.of(vm).provisioning().orElse(null));
  }

  private static VmDetails.LastMigration lastMigration(
      JsonNode status, List<VmDetails.Condition> conditions) {
    JsonNode state = status.path("migrationState");
    if (!state.isObject()) {
      return null;
    }
    java.time.Instant start;
    try {
      start = java.time.Instant.parse(state.path("startTimestamp").asText(""));
    } catch (java.time.format.DateTimeParseException e) {
      start = null;
    }
    String message =
        conditions.stream()
            .filter(c -> c.type().equals("Migrating"))
            .map(VmDetails.Condition::message)
            .findFirst()
            .orElse("");
    return new VmDetails.LastMigration(
        start,
        state.path("result").asText(""),
        state.path("source").path("node").asText(""),
        state.path("target").path("node").asText(""),
        message);
  }

  private static List<String> disks(JsonNode vm) {
    List<String> disks = new ArrayList<>();
    for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
      if ("VirtualDisk".equals(ref.path("kind").asText())) {
        disks.add(ref.path("name").asText());
      }
    }
    return disks;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /**
   * A value as the status shows it: 1 for a number, "abc" with quotes for text, absent as a dash.
   */
  private static String jsonText(JsonNode value) {
    return value == null || value.isNull() ? "—" : value.toString();
  }

  /** The Events about one VM, newest first: (namespace, uid, name) → events. */
  public interface EventSource {
    List<VmDetails.Event> apply(String namespace, String uid, String name);
  }
}

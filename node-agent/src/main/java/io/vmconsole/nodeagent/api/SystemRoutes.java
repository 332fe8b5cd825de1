package io.vmconsole.nodeagent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The calls about the agent itself: capabilities and health. */
public final class SystemRoutes {
  public static final String API_VERSION = "v1";

  private static final Route.Call CAPABILITIES = new Route.Call("GET", "/v1/capabilities", "v1");
  private static final Route.Call HEALTHZ = new Route.Call("GET", "/v1/healthz", "v1");

  private SystemRoutes() {}

  /**
   * All routes: the system calls followed by {@code others}.
   *
   * @param capabilitiesOf builds the capabilities from the complete list of calls, so the list the
   *     agent reports is exactly the list it serves
   */
  public static List<Route> plus(
      List<Route> others,
      Function<List<Route.Call>, Capabilities> capabilitiesOf,
      String nodeName) {
    List<Route.Call> calls = new ArrayList<>(List.of(CAPABILITIES, HEALTHZ));
    others.forEach(r -> calls.add(r.call()));
    Reply capabilities = Reply.ok(capabilitiesOf.apply(List.copyOf(calls)));
    Reply health = Reply.ok(Map.of("status", "ok", "nodeName", nodeName));

    List<Route> all = new ArrayList<>();
    all.add(route(CAPABILITIES, capabilities));
    all.add(route(HEALTHZ, health));
    all.addAll(others);
    return List.copyOf(all);
  }

  private static Route route(Route.Call call, Reply fixed) {
    return new Route(
        call.method(), call.path(), call.since(), req -> CompletableFuture.completedFuture(fixed));
  }
}

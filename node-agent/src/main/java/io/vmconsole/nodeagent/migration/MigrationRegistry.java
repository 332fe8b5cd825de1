package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.nodeagent.api.BearerAuth;
import io.vmconsole.nodeagent.events.EventLog;
import io.vmconsole.nodeagent.vm.ConflictException;
import io.vmconsole.nodeagent.vm.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migrations this agent knows (in memory; a restarted agent has forgotten them), the one-use
 * stream tickets of its incoming ones, and the {@code migration} events.
 */
public final class MigrationRegistry implements BearerAuth.PathTickets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String STREAM_PREFIX = "/v1/migrations/";
  private static final String STREAM_SUFFIX = "/stream";

  private final Map<String, Migration> byId = new ConcurrentHashMap<>();
  private final Map<String, String> ticketsById = new ConcurrentHashMap<>();
  private final EventLog events;
  private final Clock clock;

  public MigrationRegistry(EventLog events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  Migration create(
      String id, String vmId, Migration.Role role, String sourceNode, String targetNode) {
    Migration m = new Migration(id, vmId, role, sourceNode, targetNode, clock, this::publish);
    synchronized (this) {
      if (byId.containsKey(id)) {
        throw new ConflictException("migration " + id + " exists on this agent");
      }
      for (Migration other : byId.values()) {
        if (other.vmId.equals(vmId) && !other.state().finished()) {
          throw new ConflictException(
              "VM " + vmId + " is already being migrated (" + other.id + ")");
        }
      }
      byId.put(id, m);
    }
    publish(m);
    return m;
  }

  Migration get(String id) {
    Migration m = byId.get(id);
    if (m == null) {
      throw new NotFoundException("no migration " + id + " on this agent");
    }
    return m;
  }

  List<MigrationStatus> list() {
    List<MigrationStatus> all = new ArrayList<>();
    byId.values().forEach(m -> all.add(m.status()));
    all.sort(Comparator.comparing(MigrationStatus::startedAt));
    return all;
  }

  void forget(String id) {
    byId.remove(id);
    ticketsById.remove(id);
  }

  /** A fresh random ticket for the stream of an incoming migration. */
  String issueTicket(String migrationId) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    ticketsById.put(migrationId, ticket);
    return ticket;
  }

  /** Only the stream path of a waiting incoming migration, and only once. */
  @Override
  public boolean redeem(String path, String ticket) {
    if (!path.startsWith(STREAM_PREFIX) || !path.endsWith(STREAM_SUFFIX)) {
      return false;
    }
    String id = path.substring(STREAM_PREFIX.length(), path.length() - STREAM_SUFFIX.length());
    Migration m = byId.get(id);
    if (m == null || m.role != Migration.Role.target || m.state() != MigrationState.Waiting) {
      return false;
    }
    String expected = ticketsById.get(id);
    if (expected == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), ticket.getBytes(StandardCharsets.UTF_8))) {
      return false;
    }
    // Used up by the first presentation; a second connection needs the agent token.
    return ticketsById.remove(id, expected);
  }

  private void publish(Migration m) {
    Map<String, Object> data =
        withoutNulls(JSON.convertValue(m.status(), new TypeReference<Map<String, Object>>() {}));
    events.append(m.vmId, "migration", data);
  }

  /** The event log keeps immutable maps, which hold no nulls: absent means null. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> nested) {
            out.put(k, Map.copyOf(withoutNulls((Map<String, Object>) nested)));
          } else if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}

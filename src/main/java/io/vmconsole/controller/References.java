package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who refers to what, so that a change to a disk, image or Secret wakes only the VMs (and disks) that
 * use it — at a thousand VMs, waking a whole namespace per disk event is quadratic.
 */
final class References {
  /** "Kind:ns/name" (images of a cluster: "ClusterVirtualImage:/name") → keys of the referring objects. */
  private final Map<String, Set<String>> vmUsers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> diskUsers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> vmRefs = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> diskRefs = new ConcurrentHashMap<>();

  void index(String vmKey, JsonNode vm) {
    String ns = vm.path("metadata").path("namespace").asText();
    Set<String> refs = new HashSet<>();
    for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
      String kind = ref.path("kind").asText();
      refs.add(kind + ":" + (kind.equals("ClusterVirtualImage") ? "" : ns) + "/" + ref.path("name").asText());
    }
    JsonNode p = vm.path("spec").path("provisioning");
    for (String field : new String[] {"userDataRef", "sysprepRef"}) {
      if (p.path(field).hasNonNull("name")) {
        refs.add("Secret:" + ns + "/" + p.path(field).path("name").asText());
      }
    }
    replace(vmKey, refs, vmRefs, vmUsers);
  }

  void indexDisk(String diskKey, JsonNode disk) {
    JsonNode ref = disk.path("spec").path("dataSource").path("objectRef");
    Set<String> refs = new HashSet<>();
    if (ref.hasNonNull("name")) {
      String kind = ref.path("kind").asText();
      String ns = disk.path("metadata").path("namespace").asText();
      refs.add(kind + ":" + (kind.equals("ClusterVirtualImage") ? "" : ns) + "/" + ref.path("name").asText());
    }
    replace(diskKey, refs, diskRefs, diskUsers);
  }

  Set<String> users(String kind, String key) {
    return Set.copyOf(vmUsers.getOrDefault(kind + ":" + key, Set.of()));
  }

  Set<String> diskUsers(String kind, String key) {
    return Set.copyOf(diskUsers.getOrDefault(kind + ":" + key, Set.of()));
  }

  private static synchronized void replace(String owner, Set<String> refs, Map<String, Set<String>> byOwner,
      Map<String, Set<String>> byTarget) {
    for (String old : byOwner.getOrDefault(owner, Set.of())) {
      Set<String> users = byTarget.get(old);
      if (users != null) {
        users.remove(owner);
      }
    }
    byOwner.put(owner, refs);
    refs.forEach(r -> byTarget.computeIfAbsent(r, k -> ConcurrentHashMap.newKeySet()).add(owner));
  }
}

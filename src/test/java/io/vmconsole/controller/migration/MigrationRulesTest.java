package io.vmconsole.controller.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.controller.vm.Migratability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Limits, timeouts, auto-converge and the Migratable rule of live migration. */
class MigrationRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fivePerClusterAndTwoOutboundPerNode() {
    assertThat(MigrationRules.waitReason(List.of(), "node-1")).isNull();
    assertThat(MigrationRules.waitReason(List.of("node-1"), "node-1")).isNull();
    assertThat(MigrationRules.waitReason(List.of("node-1", "node-1"), "node-1"))
        .isEqualTo("2 migrations leave node node-1 already (limit 2 per node)");
    assertThat(MigrationRules.waitReason(List.of("node-1", "node-1"), "node-2")).isNull();
    assertThat(MigrationRules.waitReason(List.of("a", "b", "c", "d", "e"), "f"))
        .isEqualTo("5 migrations are in progress in the cluster (limit 5)");
  }

  @Test
  void completionTimeoutIs800SecondsPerGibOfMemory() {
    assertThat(MigrationRules.completionTimeout(1L << 30)).isEqualTo(Duration.ofSeconds(800));
    assertThat(MigrationRules.completionTimeout(256L << 20)).isEqualTo(Duration.ofSeconds(200));
    assertThat(MigrationRules.PROGRESS_TIMEOUT).isEqualTo(Duration.ofSeconds(150));
  }

  @ParameterizedTest(name = "{0} force={1} → {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "AlwaysSafe,true,false",
        "AlwaysSafe,null,false",
        "AlwaysForced,false,true",
        "AlwaysForced,null,true",
        "PreferSafe,null,false",
        "PreferSafe,false,false",
        "PreferSafe,true,true",
        "PreferForced,null,true",
        "PreferForced,true,true",
        "PreferForced,false,false",
        "null,true,true",
        "null,null,false"
      })
  void autoConvergeFollowsThePolicyAndForce(String policy, Boolean force, boolean expected) {
    assertThat(MigrationRules.autoConverge(policy, force)).isEqualTo(expected);
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void aDiskInANodeLocalPoolMakesTheVmNotMigratable() throws Exception {
    JsonNode vm =
        json(
            "{'spec':{'blockDeviceRefs':[{'kind':'ClusterVirtualImage','name':'iso'},"
                + "{'kind':'VirtualDisk','name':'root'},{'kind':'VirtualDisk','name':'data'}]},"
                + "'status':{'nodeName':'node-1'}}");
    Map<String, JsonNode> disks =
        Map.of(
            "root", json("{'spec':{'persistentVolumeClaim':{'storageClassName':'shared'}}}"),
            "data", json("{'spec':{'persistentVolumeClaim':{'storageClassName':'local'}}}"));
    assertThat(
            Migratability.blocker(
                VmObject.of(vm), n -> Optional.ofNullable(disks.get(n)).map(DiskObject::of)))
        .contains("disk \"data\" is in the node-local pool of node-1");
  }

  @Test
  void aHotpluggedNodeLocalDiskMakesTheVmNotMigratableToo() throws Exception {
    JsonNode vm =
        json(
            "{'spec':{'blockDeviceRefs':[{'kind':'VirtualDisk','name':'root'}]},"
                + "'status':{'nodeName':'node-2','blockDeviceRefs':[{'kind':'VirtualDisk','name':'root','attached':true},"
                + "{'kind':'VirtualDisk','name':'scratch','attached':true,'hotplugged':true,"
                + "'virtualMachineBlockDeviceAttachmentName':'attach-scratch'}]}}");
    Map<String, JsonNode> disks =
        Map.of(
            "root", json("{'spec':{'persistentVolumeClaim':{'storageClassName':'shared'}}}"),
            "scratch", json("{'spec':{'persistentVolumeClaim':{'storageClassName':'local'}}}"));
    assertThat(
            Migratability.blocker(
                VmObject.of(vm), n -> Optional.ofNullable(disks.get(n)).map(DiskObject::of)))
        .contains("disk \"scratch\" is in the node-local pool of node-2");
  }

  @Test
  void sharedOrDefaultDisksMigrate() throws Exception {
    JsonNode vm =
        json(
            "{'spec':{'blockDeviceRefs':[{'kind':'VirtualDisk','name':'root'},"
                + "{'kind':'VirtualDisk','name':'missing'}]}}");
    Map<String, JsonNode> disks =
        Map.of("root", json("{'spec':{'persistentVolumeClaim':{'size':'1Gi'}}}"));
    assertThat(
            Migratability.blocker(
                VmObject.of(vm), n -> Optional.ofNullable(disks.get(n)).map(DiskObject::of)))
        .isEmpty();
  }
}

package io.vmconsole.nodeagent.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecParserTest {
  @TempDir Path dir;
  Path pool;
  Path disk;
  SpecParser parser;

  @BeforeEach
  void setUp() throws Exception {
    pool = Files.createDirectories(dir.resolve("pool"));
    disk = pool.resolve("a.qcow2");
    Files.write(disk, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
    Files.writeString(pool.resolve("raw.img"), "raw");
    Files.writeString(dir.resolve("outside.img"), "x");
    parser = new SpecParser(new DiskPaths(List.of(pool)));
  }

  private String spec(String extra) {
    return "{\"name\":\"w\",\"cores\":2,\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"ab12cd34-1\",\"path\":\""
        + disk
        + "\"}]"
        + extra
        + "}";
  }

  @Test
  void parsesQuantitiesDefaultsAndNodeNames() {
    VmSpec s = parser.parse(spec(",\"coreFraction\":\"10%\""));
    assertEquals(2, s.cores());
    assertEquals(10, s.coreFraction());
    assertEquals(1L << 30, s.memoryBytes());
    assertEquals("d-ab12cd34", s.disks().get(0).nodeName());
    assertEquals("dev-d-ab12cd34", s.disks().get(0).deviceId());
    assertEquals("qcow2", s.disks().get(0).format());
  }

  @Test
  void aStatusSpecIsASpec() {
    VmSpec s = parser.parse(spec(",\"coreFraction\":\"10%\""));
    VmSpec again =
        parser.parse(
            new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(ScsiIds.resolve(s)));
    assertEquals(ScsiIds.resolve(s), again, "memoryBytes and scsiId as a status reports them");
  }

  @Test
  void scsiIdsAreCheckedAndUnique() {
    String two =
        "{\"name\":\"w\",\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"a\",\"path\":\""
            + disk
            + "\",\"scsiId\":1},{\"id\":\"b\",\"path\":\""
            + disk
            + "\",\"scsiId\":%s}]}";
    assertEquals(
        "spec.disks[1].scsiId",
        assertThrows(BadRequestException.class, () -> parser.parse(two.formatted("1"))).field());
    assertEquals(
        "spec.disks[1].scsiId",
        assertThrows(BadRequestException.class, () -> parser.parse(two.formatted("255"))).field());
    assertEquals(0, parser.parse(two.formatted("0")).disks().get(1).scsiId());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("{", "spec"),
        Arguments.of("[]", "spec"),
        Arguments.of("{\"cores\":0,\"memoryBytes\":1073741824}", "spec.cores"),
        Arguments.of("{\"cores\":\"two\",\"memoryBytes\":1073741824}", "spec.cores"),
        Arguments.of("{\"cores\":1}", "spec.memoryBytes"),
        Arguments.of("{\"cores\":1,\"memoryBytes\":2199023255552}", "spec.memoryBytes"),
        Arguments.of("{\"cores\":1,\"memory\":\"1Gi\"}", "spec.memory"),
        Arguments.of("{\"cores\":1,\"memoryBytes\":\"0.375Gi\"}", "spec.memoryBytes"),
        Arguments.of("{\"cores\":1,\"memoryBytes\":1.5e9}", "spec.memoryBytes"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"coreFraction\":\"101%\"}",
            "spec.coreFraction"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"a\",\"path\":\"rel.img\",\"format\":\"raw\"}]}",
            "spec.disks[0].path"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"a/b\",\"path\":\"/x\"}]}",
            "spec.disks[0].id"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"nic\":{\"address\":\"10.0.0.1\",\"prefix\":31}}",
            "spec.nic.prefix"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"nic\":{\"address\":\"10.0.0.1\",\"mac\":\"zz\"}}",
            "spec.nic.mac"),
        Arguments.of(
            "{\"cores\":1,\"memoryBytes\":1073741824,\"provisioning\":{\"type\":\"sysprep\"}}",
            "spec.provisioning.unattend"));
  }

  @ParameterizedTest
  @MethodSource
  void refusals(String json, String field) {
    BadRequestException e = assertThrows(BadRequestException.class, () -> parser.parse(json));
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void diskOutsideThePoolsAndRawMasqueradingAsQcow2AreRefused() {
    String outside =
        "{\"cores\":1,\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"a\",\"path\":\""
            + dir.resolve("outside.img")
            + "\",\"format\":\"raw\"}]}";
    assertEquals(
        "spec.disks[0].path",
        assertThrows(BadRequestException.class, () -> parser.parse(outside)).field());
    String notQcow2 =
        "{\"cores\":1,\"memoryBytes\":1073741824,\"disks\":[{\"id\":\"a\",\"path\":\""
            + pool.resolve("raw.img")
            + "\"}]}";
    assertThrows(BadRequestException.class, () -> parser.parse(notQcow2));
  }

  @Test
  void vmIdsAreSafeDirectoryNames() {
    assertEquals("0f8e-11", SpecParser.checkVmId("0f8e-11"));
    assertThrows(BadRequestException.class, () -> SpecParser.checkVmId(".."));
    assertThrows(BadRequestException.class, () -> SpecParser.checkVmId("a/b"));
  }

  @Test
  void percentages() {
    assertEquals(10, SpecQuantities.percent("10%"));
    assertEquals(55, SpecQuantities.percent("55"));
  }

  @Test
  void memoryIsAnIntegerOfBytesAndAQuantityStringIsRefusedNamingTheField() throws Exception {
    VmSpec s = parser.parse("{\"cores\":1,\"memoryBytes\":402653184}");
    assertEquals(402653184L, s.memoryBytes());
    BadRequestException refused =
        assertThrows(
            BadRequestException.class, () -> parser.parse("{\"cores\":1,\"memory\":\"1Gi\"}"));
    assertEquals("spec.memory", refused.field());
    assertTrue(refused.getMessage().contains("integer number of bytes"), refused.getMessage());
  }
}

package io.vmconsole.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vmconsole.datadir.DataDirectory;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The durable audit trail: append-only JSON lines under the data directory. One line per record is
 * written and forced to disk before the call returns, so an action that happened is never lost to a
 * crash of the console; readers (an audit page, tests) parse the lines back.
 */
@Service
public class AuditLog {
  private final Path file;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Autowired
  public AuditLog(DataDirectory data) {
    this(data.resolve("audit").resolve("audit.jsonl"), Clock.systemUTC());
  }

  AuditLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public void record(String user, String action, String target, Map<String, String> details) {
    append(new AuditRecord(clock.instant(), user, action, target, Map.copyOf(details)));
  }

  /** Every record, oldest first. */
  public List<AuditRecord> all() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<AuditRecord> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(json.readValue(line, AuditRecord.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void append(AuditRecord record) {
    try {
      byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      OwnerOnly.append(file, line, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.vmconsole.health;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * One condition of readiness: DOWN with the reason while {@code problem} names one. The probe
 * answers without login and shows no details, so each change is logged for the operator instead.
 */
final class ReadinessIndicator implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(ReadinessIndicator.class);

  private final String name;
  private final Supplier<Optional<String>> problem;
  private final AtomicReference<String> last = new AtomicReference<>();

  ReadinessIndicator(String name, Supplier<Optional<String>> problem) {
    this.name = name;
    this.problem = problem;
  }

  @Override
  public Health health() {
    String now = problem.get().orElse(null);
    String before = last.getAndSet(now);
    if (now != null && !now.equals(before)) {
      log.warn("not ready ({}): {}", name, now);
    } else if (now == null && before != null) {
      log.info("ready again ({})", name);
    }
    return now == null ? Health.up().build() : Health.down().withDetail("reason", now).build();
  }
}

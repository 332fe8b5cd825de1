package io.vmconsole.cluster;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.validation.ResourceAdmission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one set of admission rules, shared by the embedded API server and the console's services. */
@Configuration
class AdmissionConfiguration {

  /**
   * With cluster facts (the pool, the leases) once the caches are up, so the API refuses a static
   * IP outside the pool or already bound and a CIDR removal that would strand leases; before that
   * (the API server starts first) the rules needing other objects are skipped.
   */
  @Bean
  Admission admission(ClusterFactsHolder facts) {
    Admission withoutFacts = new ResourceAdmission();
    java.util.concurrent.atomic.AtomicReference<Admission> withFacts =
        new java.util.concurrent.atomic.AtomicReference<>();
    return request -> {
      if (withFacts.get() == null && facts.get().isPresent()) {
        withFacts.compareAndSet(null, new ResourceAdmission(facts.get().get()));
      }
      return (withFacts.get() == null ? withoutFacts : withFacts.get()).review(request);
    };
  }
}

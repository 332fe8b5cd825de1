package io.vmconsole.base;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.validation.ResourceAdmission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one set of admission rules, shared by the embedded API server and the console's services. */
@Configuration
class AdmissionConfiguration {

  @Bean
  Admission admission() {
    return new ResourceAdmission();
  }
}

package io.vmconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md, checked so that they stay true. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.vmconsole");

  private static final DescribedPredicate<JavaClass> CLIENT =
      resideInAnyPackage("io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..")
          .or(assignableTo(KubernetesClient.class))
          .as("the Kubernetes client");

  @Test
  void theResourceModelKnowsNothingOfClientsControllersOrScreens() {
    noClasses().that().resideInAPackage("io.vmconsole.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vmconsole.cluster..", "io.vmconsole.controller..",
            "io.vmconsole.vm..", "io.vmconsole.security..", "io.vmconsole.base..", "com.vaadin..",
            "org.springframework..")
        .check(CLASSES);
    // CustomResource (the model's base class) lives in the client's package; the client itself may not.
    noClasses().that().resideInAPackage("io.vmconsole.api..")
        .should().dependOnClassesThat(CLIENT)
        .check(CLASSES);
  }

  @Test
  void viewsNeverTouchTheKubernetesClient() {
    noClasses().that().resideInAPackage("..ui..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..", "io.vmconsole.cluster..")
        .check(CLASSES);
  }

  @Test
  void onlyTheClusterPackageUsesTheKubernetesClient() {
    noClasses().that().resideOutsideOfPackage("io.vmconsole.cluster..")
        .should().dependOnClassesThat(CLIENT)
        .check(CLASSES);
  }

  @Test
  void noFeatureImportsAnotherFeaturesViews() {
    for (String feature : new String[] {"vm", "security", "ipam", "console", "operations", "provisioning", "audit", "nodes"}) {
      noClasses().that().resideOutsideOfPackage("io.vmconsole." + feature + "..")
          .should().dependOnClassesThat().resideInAPackage("io.vmconsole." + feature + ".ui..")
          .check(CLASSES);
    }
  }
}

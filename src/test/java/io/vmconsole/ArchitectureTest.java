package io.vmconsole;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.cluster.embedded.EvictionHook;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md, checked so that they stay true. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.vmconsole");

  /** The features: each owns its screens (ui) and services; none reaches into another's screens. */
  private static final String[] FEATURES = {
    "vm",
    "security",
    "ipam",
    "console",
    "operations",
    "provisioning",
    "audit",
    "nodes",
    "attachments"
  };

  private static final DescribedPredicate<JavaClass> CLIENT =
      resideInAnyPackage(
              "io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..")
          .or(assignableTo(KubernetesClient.class))
          .as("the Kubernetes client");

  @Test
  void theResourceModelKnowsNothingOfClientsControllersOrScreens() {
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vmconsole.cluster..",
            "io.vmconsole.controller..",
            "io.vmconsole.vm..",
            "io.vmconsole.security..",
            "io.vmconsole.base..",
            "com.vaadin..",
            "org.springframework..")
        .check(CLASSES);
    // CustomResource (the model's base class) lives in the client's package; the client itself may
    // not.
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.api..")
        .should()
        .dependOnClassesThat(CLIENT)
        .check(CLASSES);
  }

  @Test
  void viewsNeverTouchTheKubernetesClient() {
    noClasses()
        .that()
        .resideInAPackage("..ui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..", "io.vmconsole.cluster..")
        .check(CLASSES);
  }

  @Test
  void onlyTheClusterPackageUsesTheKubernetesClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.vmconsole.cluster..")
        .should()
        .dependOnClassesThat(CLIENT)
        .check(CLASSES);
  }

  @Test
  void noFeatureImportsAnotherFeaturesViews() {
    for (String feature : FEATURES) {
      // The shell composes features: it alone shows one feature's panel on another's page.
      noClasses()
          .that()
          .resideOutsideOfPackages("io.vmconsole." + feature + "..", "io.vmconsole.shell..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.vmconsole." + feature + ".ui..")
          .check(CLASSES);
    }
  }

  /**
   * The shell (layout, navigation between features) composes the features and their screens name it
   * as their layout: it is the one package left out.
   */
  @Test
  void theTopLevelPackagesFormNoCycle() {
    DescribedPredicate<JavaClass> shell = resideInAPackage("io.vmconsole.shell..");
    slices()
        .matching("io.vmconsole.(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(shell, DescribedPredicate.alwaysTrue())
        .ignoreDependency(DescribedPredicate.alwaysTrue(), shell)
        .check(CLASSES);
  }

  @Test
  void featuresNeverReachIntoTheController() {
    for (String feature : FEATURES) {
      noClasses()
          .that()
          .resideInAPackage("io.vmconsole." + feature + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.vmconsole.controller..")
          .check(CLASSES);
    }
  }

  /**
   * The controller reads and writes through the cluster's accessors, the same against a real API
   * server as against the embedded one. The eviction hook is the one exception until an admission
   * webhook replaces it.
   */
  @Test
  void theControllerNeverReachesIntoTheEmbeddedServer() {
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.controller..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.vmconsole.cluster.embedded..")
                .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(EvictionHook.class))))
        .check(CLASSES);
  }

  @Test
  void theControllerReadsObjectsThroughItsCachesAndAccessorsNotTheClientModel() {
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.controller..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(GenericKubernetesResource.class)
        .check(CLASSES);
  }

  /**
   * The controller's rooms (vm, migration, operations, storage, nodes, scheduling) lean on each
   * other in one direction only, and all of them on the runtime below; the runtime knows no room,
   * and only the controller's root (the registrations) knows them all.
   */
  @Test
  void theControllersRoomsFormNoCycleAndTheRuntimeKnowsNoRoom() {
    slices().matching("io.vmconsole.controller.(*)..").should().beFreeOfCycles().check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.controller.runtime..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.vmconsole.controller..")
                .and(DescribedPredicate.not(resideInAPackage("io.vmconsole.controller.runtime.."))))
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.controller.*..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vmconsole.controller")
        .check(CLASSES);
  }

  /**
   * Rooms read typed views and write typed records (statuses, pods, agent requests); JSON is the
   * runtime's business (the one adapter: caches, watches, dispatch, status writers). A room may not
   * name a JSON class, nor call a method that hands it one (a view's json() or spec(), say): a
   * string path behind a renamed accessor is still a string path.
   */
  @Test
  void onlyTheRuntimeTouchesJson() {
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.controller..")
        .and()
        .resideOutsideOfPackage("io.vmconsole.controller.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson.databind..")
        .orShould()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a method that returns JSON",
                call ->
                    call.getTarget()
                        .getRawReturnType()
                        .getPackageName()
                        .startsWith("com.fasterxml.jackson.databind")))
        .check(CLASSES);
  }

  /**
   * The embedded API server stands on its own front and store: nothing of fabric8's mock server or
   * mockwebserver in production code, and no reflection into a library's private state.
   */
  @Test
  void theEmbeddedApiServerUsesNoTestServerAndNoReflectionIntoLibraries() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8.kubernetes.client.server.mock..", "io.fabric8.mockwebserver..", "okhttp3..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.vmconsole.cluster..")
        .should()
        .callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("setAccessible")))
        .check(CLASSES);
  }
}

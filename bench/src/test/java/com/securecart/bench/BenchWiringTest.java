package com.securecart.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benchmark drivers are entry points too: like the server's (ArchitectureTest, which cannot see
 * this module), they get repositories and facades from app's {@code Contexts.wire}, never build
 * them.
 */
class BenchWiringTest {
  private static final JavaClasses DRIVERS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.securecart.bench");

  @Test
  void driversBuildNoRepositoryOrFacade() {
    assertThat(DRIVERS.stream().map(JavaClass::getSimpleName))
        .as("the drivers were imported")
        .contains("CheckoutBench", "HotSkuReservationBench", "BatchBench");
    noClasses()
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a JDBI repository or a context facade", BenchWiringTest::repositoryOrFacade))
        .because("Contexts.wire is the one place that wires SecureCart")
        .check(DRIVERS);
  }

  private static boolean repositoryOrFacade(JavaConstructorCall call) {
    JavaClass owner = call.getTargetOwner();
    String pkg = owner.getPackageName();
    boolean repository =
        pkg.equals("com.securecart.persistence")
            && owner.getSimpleName().startsWith("Jdbi")
            && !owner.getSimpleName().equals("JdbiTransactions");
    boolean facade =
        owner.getSimpleName().endsWith("Api")
            && pkg.startsWith("com.securecart.")
            && !pkg.startsWith("com.securecart.bench")
            && !pkg.startsWith("com.securecart.server")
            && !pkg.startsWith("com.securecart.app");
    return repository || facade;
  }
}

package com.securecart.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The architecture's rules, checked on the compiled classes. Every rule fails if the packages it
 * checks are empty (ArchUnit's default, and asserted explicitly), so a renamed package cannot make
 * it pass vacuously.
 */
class ArchitectureTest {
  static final List<String> CONTEXTS =
      List.of(
          "catalog",
          "identity",
          "cart",
          "checkout",
          "inventory",
          "orders",
          "sales",
          "payments",
          "notifications",
          "pipeline",
          "outbox",
          "idempotency",
          "changes",
          "search",
          "shared");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.securecart");
  }

  static List<String> contexts() {
    return CONTEXTS;
  }

  @ParameterizedTest
  @MethodSource("contexts")
  void everyContextPackageHasClasses(String context) {
    assertThat(classes.stream().filter(c -> c.getPackageName().equals("com.securecart." + context)))
        .as("classes in com.securecart.%s", context)
        .isNotEmpty();
  }

  @Test
  void theDomainUsesNoFrameworkDatabaseOrCloudClasses() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(domainPackages())
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.helidon..",
                "org.jdbi..",
                "java.sql..",
                "javax.sql..",
                "com.zaxxer..",
                "org.flywaydb..",
                "software.amazon..",
                "com.amazonaws..",
                "jakarta.mail..",
                "com.fasterxml.jackson..",
                "io.micrometer..",
                "io.opentelemetry..",
                "com.securecart.persistence..",
                "com.securecart.server..")
            .because(
                "the domain is plain Java so that it runs in the server, in workers and in AWS Lambda");
    rule.check(classes);
  }

  @ParameterizedTest
  @MethodSource("contexts")
  void noContextReachesIntoAnotherContextsRepositories(String context) {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(domainPackages())
            .and()
            .resideOutsideOfPackage("com.securecart." + context)
            .should()
            .dependOnClassesThat(repositoryOf(context))
            .because("another context's store is its internals: go through its facade");
    rule.check(classes);
  }

  /**
   * Server packages the rules below check; each must hold classes, or a rule would pass vacuously.
   */
  static final List<String> ROUTE_PACKAGES =
      List.of(
          "com.securecart.server.http",
          "com.securecart.server.web",
          // Admission control answers before any database work: it must not reach for SQL either.
          "com.securecart.server.admission");

  static List<String> routePackages() {
    return ROUTE_PACKAGES;
  }

  @Test
  void tracingLivesInOnePackage() {
    assertThat(
            classes.stream()
                .filter(c -> c.getPackageName().equals("com.securecart.server.tracing")))
        .as("classes in com.securecart.server.tracing")
        .isNotEmpty();
    noClasses()
        .that()
        .resideOutsideOfPackage("com.securecart.server.tracing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.opentelemetry..")
        .because("spans are made in one place, com.securecart.server.tracing")
        .check(classes);
  }

  @ParameterizedTest
  @MethodSource("routePackages")
  void everyRoutePackageHasClasses(String pkg) {
    assertThat(classes.stream().filter(c -> c.getPackageName().equals(pkg)))
        .as("classes in %s", pkg)
        .isNotEmpty();
  }

  @Test
  void metricsLiveInOnePackage() {
    assertThat(
            classes.stream()
                .filter(c -> c.getPackageName().equals("com.securecart.server.metrics")))
        .as("classes in com.securecart.server.metrics")
        .isNotEmpty();
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "com.securecart.server.metrics..",
            // Admission control keeps its own meters, in the registry Metrics owns (ADR 0011).
            "com.securecart.server.admission..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..")
        .because(
            "meters are made in com.securecart.server.metrics, and by admission control in its"
                + " registry")
        .check(classes);
  }

  @ParameterizedTest
  @MethodSource("routePackages")
  void routesNeverTalkSql(String pkg) {
    noClasses()
        .that()
        .resideInAPackage(pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.securecart.persistence..", "org.jdbi..", "java.sql..")
        .because("a route calls a context facade; only the persistence module writes SQL")
        .check(classes);
  }

  @ParameterizedTest
  @MethodSource("routePackages")
  void routesUseFacadesNotRepositories(String pkg) {
    noClasses()
        .that()
        .resideInAPackage(pkg + "..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .check(classes);
  }

  private static String[] domainPackages() {
    return CONTEXTS.stream().map(c -> "com.securecart." + c).toArray(String[]::new);
  }

  private static DescribedPredicate<JavaClass> repositoryOf(String context) {
    return DescribedPredicate.describe(
        "repository ports of " + context,
        c ->
            c.getPackageName().equals("com.securecart." + context)
                && c.getSimpleName().endsWith("Repository"));
  }
}

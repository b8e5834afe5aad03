package com.securecart.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.shared.Money;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The architecture's rules, checked on the compiled classes. They cannot pass vacuously: the
 * bounded contexts are derived from the classes of the core module (so a new context is checked by
 * every rule the moment it has a class), the derived set must hold the contexts known today, and
 * every rule fails if the packages it checks are empty (ArchUnit's default).
 */
class ArchitectureTest {
  private static final String ROOT = "com.securecart";

  /**
   * Contexts that exist today: the derived set must hold them all, so that a broken derivation (an
   * empty or partial import) fails instead of checking nothing. A new context needs no entry here.
   */
  static final Set<String> KNOWN_CONTEXTS =
      Set.of(
          "analytics",
          "cart",
          "catalog",
          "changes",
          "checkout",
          "identity",
          "idempotency",
          "inventory",
          "jobs",
          "notifications",
          "orders",
          "outbox",
          "payments",
          "pipeline",
          "recommendations",
          "sales",
          "search",
          "shared");

  /**
   * Direct subpackages of com.securecart outside the core module: adapters and entry points, not
   * bounded contexts. ({@code com.securecart.search.lucene}, the search module's adapter, lives
   * under the core context {@code search}: it is told apart by where its classes come from.)
   */
  static final Set<String> ADAPTERS_AND_ENTRY_POINTS =
      Set.of("persistence", "server", "bench", "app");

  /** The shared kernel: every context may use it, and it uses no context. */
  static final String SHARED_KERNEL = "shared";

  /**
   * Cross-context uses of another context's ports that are there by design. Each names the using
   * context, the used class and why; everything else goes through the other context's public face
   * (see {@link #isPublicFace}). An entry that is no longer used fails {@link
   * #everyAllowedExceptionIsStillUsed}, so the list cannot grow stale.
   */
  static final List<Allowed> BY_DESIGN =
      List.of(
          new Allowed(
              "orders",
              "com.securecart.outbox.Outbox",
              "the transactional outbox: an order's events are appended in the order's own"
                  + " transaction, which a facade call could not join"),
          new Allowed(
              "pipeline",
              "com.securecart.outbox.Outbox",
              "the pipeline runner is the outbox's consumer: it claims events and marks them done,"
                  + " retried or dead"),
          new Allowed(
              "catalog",
              "com.securecart.changes.ChangeLog",
              "product changes are appended to the change log in the change's own transaction"),
          new Allowed(
              "inventory",
              "com.securecart.changes.ChangeLog",
              "stock changes are appended to the change log in the change's own transaction"),
          new Allowed(
              "search",
              "com.securecart.changes.ChangeLog",
              "the search index is a read model that tails the change log"),
          new Allowed(
              "search",
              "com.securecart.changes.ChangeTail",
              "the change log's reader: it hands each change to the indexer once"));

  /** A class of context {@code from} may use {@code target} of another context: {@code reason}. */
  record Allowed(String from, String target, String reason) {}

  private static JavaClasses classes;
  private static JavaClasses coreClasses;
  private static List<String> contexts;

  @BeforeAll
  static void importClasses() throws Exception {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    // The core module is wherever a shared-kernel class was loaded from: target/classes in an IDE
    // or test-compile, the jar in verify.
    String core =
        Money.class.getProtectionDomain().getCodeSource().getLocation().toURI().getRawPath();
    coreClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains(core))
            .importPackages(ROOT);
    contexts =
        coreClasses.stream()
            .map(c -> contextOf(c.getPackageName()))
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
  }

  static List<String> contexts() {
    return contexts;
  }

  @Test
  void theContextsAreDerivedFromTheCoreModule() {
    assertThat(contexts)
        .as("bounded contexts found in the core module's classes")
        .containsAll(KNOWN_CONTEXTS)
        .doesNotContainAnyElementsOf(ADAPTERS_AND_ENTRY_POINTS);
  }

  @Test
  void everyPackageIsAContextAnAdapterOrAnEntryPoint() {
    Set<String> unknown = new TreeSet<>();
    for (JavaClass c : classes) {
      String top = contextOf(c.getPackageName());
      if (top == null || !(contexts.contains(top) || ADAPTERS_AND_ENTRY_POINTS.contains(top))) {
        unknown.add(c.getPackageName());
      }
    }
    assertThat(unknown)
        .as(
            "packages that are neither a context of the core module nor a known adapter or entry"
                + " point: move them into core, or list the module in ADAPTERS_AND_ENTRY_POINTS")
        .isEmpty();
  }

  @Test
  void everyAllowedExceptionNamesAContextAndAClassOfAnother() {
    for (Allowed allowed : BY_DESIGN) {
      assertThat(contexts).as("context of %s", allowed).contains(allowed.from());
      assertThat(coreClasses.contain(allowed.target())).as("class of %s", allowed).isTrue();
      assertThat(contextOf(coreClasses.get(allowed.target()).getPackageName()))
          .as("%s is in another context", allowed)
          .isNotEqualTo(allowed.from());
      assertThat(allowed.reason()).as("reason of %s", allowed).isNotBlank();
    }
  }

  @Test
  void everyAllowedExceptionIsStillUsed() {
    for (Allowed allowed : BY_DESIGN) {
      boolean used =
          coreClasses.stream()
              .filter(c -> allowed.from().equals(contextOf(c.getPackageName())))
              .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
              .anyMatch(d -> d.getTargetClass().getName().equals(allowed.target()));
      assertThat(used).as("%s is used; remove the entry if it is not", allowed).isTrue();
    }
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
    rule.check(coreClasses);
  }

  @Test
  void onlyTheRecommendationsLapackClassTouchesTheNativeLinearAlgebraLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage(domainPackages())
        .and()
        .doNotHaveFullyQualifiedName("com.securecart.recommendations.Lapack")
        .and()
        .doNotHaveFullyQualifiedName("com.securecart.recommendations.Lapack$SymmetricMatrix")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bytedeco..")
        .because(
            "OpenBLAS is native and left out of the Lambda jar: one small class may load it, and"
                + " only the nightly job's EASE training reaches that class")
        .check(coreClasses);
  }

  /**
   * A context uses another only through its public face: its facade ({@code *Api}), its records and
   * enums, its event types and its exceptions. Not its ports (repositories, {@code Outbox}, {@code
   * JobLedger}, {@code ModelStore}, {@code PurchaseHistory}, {@code SearchIndex}, ...) nor its
   * services, save the few uses listed in {@link #BY_DESIGN}. The shared kernel is open to all.
   */
  @ParameterizedTest
  @MethodSource("contexts")
  void aContextUsesOtherContextsOnlyThroughTheirPublicFace(String context) {
    noClasses()
        .that()
        .resideInAPackage(packageOf(context))
        .should()
        .dependOnClassesThat(internalsOfOtherContextsFor(context))
        .because(
            "another context's ports and services are its internals: use its facade, or list the"
                + " use in BY_DESIGN with the reason")
        .check(coreClasses);
  }

  @Test
  void theSharedKernelUsesNoContext() {
    noClasses()
        .that()
        .resideInAPackage(packageOf(SHARED_KERNEL))
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "belong to a context",
                c -> {
                  String context = contextOf(c.getPackageName());
                  return context != null
                      && !context.equals(SHARED_KERNEL)
                      && coreClasses.contain(c.getName());
                }))
        .because("every context may use the shared kernel, so it can use none of them")
        .check(coreClasses);
  }

  /**
   * The composition root is plain Java: the server (Helidon), the batch command, the benchmarks and
   * AWS Lambda handlers all call it. The rule fails if com.securecart.app holds no classes.
   */
  @Test
  void theCompositionRootUsesNoServerOrCloudClasses() {
    noClasses()
        .that()
        .resideInAPackage("com.securecart.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.helidon..", "software.amazon..", "com.amazonaws..")
        .because("every entry point (server, Lambda, bench) builds the contexts through app")
        .check(classes);
  }

  /**
   * Only storage brings an order back in a given state ({@code Order.rehydrate}); everything else
   * gets one from the orders context and changes it through its guarded transitions. The first
   * assertion keeps the rule from passing vacuously if the factory is renamed.
   */
  @Test
  void onlyStorageRehydratesOrders() {
    DescribedPredicate<JavaMethodCall> rehydrate =
        DescribedPredicate.describe(
            "Order.rehydrate",
            call ->
                call.getTargetOwner().getName().equals("com.securecart.orders.Order")
                    && call.getName().equals("rehydrate"));
    assertThat(
            classes.stream()
                .filter(c -> c.getPackageName().equals("com.securecart.persistence"))
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .anyMatch(rehydrate))
        .as("persistence rehydrates orders through Order.rehydrate")
        .isTrue();
    noClasses()
        .that()
        .resideOutsideOfPackage("com.securecart.persistence..")
        .should()
        .callMethodWhere(rehydrate)
        .because("an order in any state other than new comes only from storage")
        .check(classes);
  }

  /**
   * One composition root: repositories and facades are made in com.securecart.app only, so that a
   * new entry point cannot grow a second copy of the wiring. (Persistence may make its own helper
   * objects; a facade may make its own value objects.)
   */
  @Test
  void onlyTheCompositionRootBuildsRepositoriesAndFacades() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.securecart.app..", "com.securecart.persistence..")
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a JDBI repository or a context facade",
                call -> {
                  JavaClass owner = call.getTargetOwner();
                  return (owner.getPackageName().equals("com.securecart.persistence")
                          && owner.getSimpleName().startsWith("Jdbi")
                          && !owner.getSimpleName().equals("JdbiTransactions"))
                      || (owner.getSimpleName().endsWith("Api")
                          && contexts.contains(contextOf(owner.getPackageName())));
                }))
        .because("Contexts.wire is the one place that wires SecureCart")
        .check(classes);
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
    return contexts.stream().map(ArchitectureTest::packageOf).toArray(String[]::new);
  }

  private static String packageOf(String context) {
    return ROOT + "." + context + "..";
  }

  /** The direct subpackage of com.securecart that {@code packageName} lies in, or null. */
  private static String contextOf(String packageName) {
    if (!packageName.startsWith(ROOT + ".")) {
      return null;
    }
    String rest = packageName.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * What other contexts may use: the facade, records and enums (values, commands, views), event
   * types ({@code *Events} constants), exceptions (business rejections cross contexts), immutable
   * aggregates that only their own context can make (final, every field final, no constructor but
   * private ones: {@code Order}), and anything nested in one of those.
   */
  static boolean isPublicFace(JavaClass c) {
    if (c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class) || isSealedValue(c)) {
      return true;
    }
    if (c.getEnclosingClass().isPresent()) {
      return isPublicFace(c.getEnclosingClass().get());
    }
    return !c.isInterface()
        && (c.getSimpleName().endsWith("Api") || c.getSimpleName().endsWith("Events"));
  }

  private static boolean isSealedValue(JavaClass c) {
    return c.getModifiers().contains(JavaModifier.FINAL)
        && !c.getConstructors().isEmpty()
        && c.getConstructors().stream()
            .allMatch(k -> k.getModifiers().contains(JavaModifier.PRIVATE))
        && c.getFields().stream()
            .filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
            .allMatch(f -> f.getModifiers().contains(JavaModifier.FINAL));
  }

  private static DescribedPredicate<JavaClass> internalsOfOtherContextsFor(String context) {
    return DescribedPredicate.describe(
        "are internals of another context (neither its public face nor the shared kernel)",
        c -> {
          String owner = contextOf(c.getPackageName());
          return owner != null
              && !owner.equals(context)
              && !owner.equals(SHARED_KERNEL)
              && coreClasses.contain(c.getName())
              && !isPublicFace(c)
              && BY_DESIGN.stream()
                  .noneMatch(a -> a.from().equals(context) && a.target().equals(c.getName()));
        });
  }
}

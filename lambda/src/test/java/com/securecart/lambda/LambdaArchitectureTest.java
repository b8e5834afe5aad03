package com.securecart.lambda;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handlers' fences. They are inbound adapters that decide no business outcome: they reach the
 * application through the wired contexts and the core's steps only, never through a repository or a
 * facade they build; and AWS's types stay in this module. The rules run over the main classes of
 * lambda and of the modules it is built on (core, persistence, app, from this test's classpath);
 * each also checks that what it looks at is there, so that it cannot pass on nothing.
 */
class LambdaArchitectureTest {
  private static final String LAMBDA = "com.securecart.lambda";

  /**
   * What lambda may use from persistence: the pool it wires, the transaction boundary, and H2's URL
   * helper (the {@code pipeline asl} command wires the pipeline on a throwaway in-memory H2).
   */
  private static final Set<String> PERSISTENCE_ALLOWED =
      Set.of(
          "com.securecart.persistence.Database",
          "com.securecart.persistence.Database$Instrumentation",
          "com.securecart.persistence.JdbiTransactions",
          "com.securecart.persistence.H2Urls");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.securecart");
  }

  @Test
  void theModulesTheRulesLookAtAreThere() {
    assertThat(classes.contain("com.securecart.lambda.AuthorizePaymentHandler")).isTrue();
    assertThat(classes.contain("com.securecart.app.Contexts")).isTrue();
    assertThat(classes.contain("com.securecart.pipeline.Step")).isTrue();
    assertThat(classes.contain("com.securecart.persistence.JdbiOrderRepository")).isTrue();
    assertThat(classes.that(resideInAPackage("com.securecart.orders..")).size()).isGreaterThan(5);
  }

  @Test
  void handlersReachNoRepositoryOrOutbox() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(LAMBDA + "..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("com.securecart.persistence..")
                    .and(
                        DescribedPredicate.describe(
                            "are not Database, JdbiTransactions or H2Urls",
                            (JavaClass c) -> !PERSISTENCE_ALLOWED.contains(c.getName()))))
            .because(
                "a handler reaches the data through the wired facades and steps, never through a"
                    + " repository or the outbox");
    rule.check(classes);
  }

  @Test
  void handlersBuildNoFacade() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(LAMBDA + "..")
            .should()
            .callConstructorWhere(
                DescribedPredicate.describe(
                    "the constructed class is a facade (*Api) or a core step",
                    call ->
                        call.getTargetOwner().getSimpleName().endsWith("Api")
                            || call.getTargetOwner()
                                .getPackageName()
                                .equals("com.securecart.pipeline")))
            .because("Contexts.wire is the one composition root");
    rule.check(classes);
  }

  @Test
  void handlersDecideNothingThroughAFacade() {
    // The only facade method a step or compensation handler calls is the status read that picks
    // its output's event; every change goes through a core step's run/compensate and its Effect.
    // (The notification handler on SQS is not held to this: sending is its business.)
    ArchRule rule =
        noClasses()
            .that()
            .areAssignableTo(StepHandler.class)
            .or()
            .areAssignableTo(CompensationHandler.class)
            .or()
            .belongToAnyOf(StepInvoker.class, SnapshotPriming.class)
            .should()
            .callMethodWhere(
                DescribedPredicate.describe(
                    "a facade method other than OrdersApi.status",
                    (JavaMethodCall call) ->
                        call.getTargetOwner().getSimpleName().endsWith("Api")
                            && call.getTargetOwner().getPackageName().startsWith("com.securecart")
                            && !(call.getTargetOwner()
                                    .getName()
                                    .equals("com.securecart.orders.OrdersApi")
                                && call.getName().equals("status"))));
    rule.check(classes);
  }

  @Test
  void awsTypesStayInTheLambdaModule() {
    ArchRule rule =
        noClasses()
            .that(not(resideInAPackage(LAMBDA + "..")))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.amazonaws..")
            .because("core, persistence and app run without AWS; only the handlers adapt to it");
    rule.check(classes);
  }
}

package io.tandem;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.tandem", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ENGINE = "io.tandem.engine..";

  /** The engine is a Camunda 8 stand-in: it must know nothing of the HITL app that uses it. */
  @ArchTest
  static final ArchRule engineKnowsNothingOfTheApp =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(resideInAPackage("io.tandem..").and(not(resideInAPackage(ENGINE))))
          .allowEmptyShould(true);

  /** The app reaches its engine only through the Camunda client, so any Camunda 8 can answer. */
  @ArchTest
  static final ArchRule appTalksToTheEngineOnlyThroughTheClient =
      noClasses()
          .that()
          .resideOutsideOfPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ENGINE)
          .allowEmptyShould(true);
}

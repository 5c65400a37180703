package lab.wolpertinger;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DEVELOPERS.md: random (a foundation with no project deps) -> env, knn, nn -> agent
 * -> train -> snapshot -> sweep -> cli, ui; javafx only in ui, Spark only in sweep.spark.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lab.wolpertinger");
    }

    @Test
    void onlyTheUiImportsJavafx() {
        noClasses().that().resideOutsideOfPackages("lab.wolpertinger.ui..", "lab.wolpertinger")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void randomDependsOnNothingOfTheProject() {
        noClasses().that().resideInAPackage("lab.wolpertinger.random..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        others("random", "env", "knn", "nn", "agent", "train", "snapshot", "sweep", "cli", "ui"))
                .check(classes);
    }

    @Test
    void foundationPackagesStandAlone() {
        // env, knn and nn may use only the random package (saveable generators) of the project
        for (String p : new String[] {"env", "knn", "nn"}) {
            noClasses().that().resideInAPackage("lab.wolpertinger." + p + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            others(p, "env", "knn", "nn", "agent", "train", "snapshot", "sweep", "cli", "ui"))
                    .check(classes);
        }
    }

    @Test
    void snapshotDoesNotDependOnItsPeers() {
        noClasses().that().resideInAPackage("lab.wolpertinger.snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("lab.wolpertinger.sweep..", "lab.wolpertinger.cli..",
                        "lab.wolpertinger.ui..")
                .check(classes);
    }

    @Test
    void sweepDoesNotDependOnItsUsers() {
        noClasses().that().resideInAPackage("lab.wolpertinger.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("lab.wolpertinger.cli..", "lab.wolpertinger.ui..")
                .check(classes);
    }

    /** Spark is a provided dependency, absent from the lab's runtime: only its engine may touch it. */
    @Test
    void onlyTheSparkEngineImportsSpark() {
        noClasses().that().resideOutsideOfPackage("lab.wolpertinger.sweep.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(classes);
    }

    @Test
    void agentDependsOnlyOnFoundations() {
        noClasses().that().resideInAPackage("lab.wolpertinger.agent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "lab.wolpertinger.train..", "lab.wolpertinger.snapshot..", "lab.wolpertinger.sweep..",
                        "lab.wolpertinger.cli..", "lab.wolpertinger.ui..")
                .check(classes);
    }

    @Test
    void trainDoesNotDependOnItsUsers() {
        noClasses().that().resideInAPackage("lab.wolpertinger.train..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "lab.wolpertinger.snapshot..", "lab.wolpertinger.sweep..", "lab.wolpertinger.cli..",
                        "lab.wolpertinger.ui..")
                .check(classes);
    }

    @Test
    void cliDoesNotDependOnTheUi() {
        noClasses().that().resideInAPackage("lab.wolpertinger.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("lab.wolpertinger.ui..")
                .check(classes);
    }

    /**
     * A canvas lays its words out on the renderer thread, which races JavaFX 21's Pango layout on
     * the FX thread and corrupts the native heap (see CanvasView); views write words as nodes.
     */
    @Test
    void noViewLaysTextOutOnTheRendererThread() {
        noClasses().should().callMethodWhere(target(owner(describe("GraphicsContext",
                        c -> c.getName().equals("javafx.scene.canvas.GraphicsContext"))))
                        .and(target(nameMatching("fillText|strokeText"))))
                .because("canvas text is laid out on the renderer thread, which races Pango on the FX thread")
                .check(classes);
    }

    private static String[] others(String self, String... all) {
        return java.util.Arrays.stream(all).filter(p -> !p.equals(self))
                .map(p -> "lab.wolpertinger." + p + "..").toArray(String[]::new);
    }
}

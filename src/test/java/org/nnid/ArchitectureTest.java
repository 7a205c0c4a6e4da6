package org.nnid;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The package floors (docs/architecture.md): a package may use only the packages on floors below
 * its own, so dependencies run in one direction and a new back-edge fails the build.
 */
class ArchitectureTest {
    /** From the bottom up; packages on one floor do not use each other. */
    static final List<List<String>> FLOORS = List.of(
            List.of("symja"),
            List.of("scalar"),
            List.of("activation"),
            List.of("net"),
            List.of("symbolic"),
            List.of("io"),
            List.of("theory"),
            List.of("exact"),
            List.of("registry"),
            List.of("rewrite"),
            List.of("equiv", "nulls", "stability"),
            List.of("dedup"),
            List.of("testing", "cli"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/")).importPackages("org.nnid");

    @Test
    void everyPackageUsesOnlyPackagesOnLowerFloors() {
        for (int floor = 0; floor < FLOORS.size(); floor++) {
            for (String pkg : FLOORS.get(floor)) {
                List<String> notBelow = new java.util.ArrayList<>();
                for (int other = floor; other < FLOORS.size(); other++) {
                    for (String o : FLOORS.get(other)) {
                        if (!o.equals(pkg)) {
                            notBelow.add("org.nnid." + o + "..");
                        }
                    }
                }
                if (notBelow.isEmpty()) {
                    continue;
                }
                noClasses().that().resideInAPackage("org.nnid." + pkg + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(notBelow.toArray(String[]::new))
                        .because(pkg + " is on floor " + floor + " (docs/architecture.md)")
                        .check(MAIN);
            }
        }
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("org.nnid.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPackageHasAFloor() {
        java.util.Set<String> known = new java.util.HashSet<>();
        FLOORS.forEach(known::addAll);
        MAIN.stream().map(c -> c.getPackageName().replaceFirst("^org\\.nnid\\.?", "").split("\\.")[0])
                .filter(p -> !p.isEmpty())
                .forEach(p -> org.junit.jupiter.api.Assertions.assertTrue(known.contains(p),
                        "package org.nnid." + p + " has no floor in ArchitectureTest.FLOORS"));
    }
}

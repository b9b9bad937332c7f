package dev.handover.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core is framework-free (the SPI, SLF4J's API, Caffeine and the JDK; never JAX-RS, Jersey, Jackson or a vendor); its
 * exported packages hold the API only and never hand out an internal; the follow-up never reaches back to the facade;
 * no two source files depend on each other, directly or round about; and every package says what it is.
 */
final class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.core");
    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src", "main", "java");

    @Test
    void dependsOnTheSpiSlf4jCaffeineAndTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.handover.spi..",
                        "dev.handover.core..",
                        "org.slf4j..",
                        "com.github.benmanes.caffeine..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void neverTouchesHttpJsonOrAVendor() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..",
                        "org.glassfish..",
                        "com.fasterxml.jackson..",
                        "dev.handover.zendesk..",
                        "dev.handover.salesforce..",
                        "dev.handover.testkit..",
                        "dev.handover.memory..",
                        "dev.handover.spi.internal..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void theFollowUpNeverReachesBackToTheFacade() {
        noClasses()
                .that()
                .resideInAPackage("dev.handover.core.followup..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Handovers.class)
                .check(CORE);
    }

    @Test
    void exportedPackagesHoldNoneOfTheEnginesInternals() {
        Set<String> exported = exportedPackages();
        assertThat(exported)
                .as("the packages module-info exports")
                .contains("dev.handover.core", "dev.handover.core.note", "dev.handover.core.rule")
                .doesNotContain(
                        "dev.handover.core.followup",
                        "dev.handover.core.marker",
                        "dev.handover.core.rendering",
                        "dev.handover.core.retry",
                        "dev.handover.core.selection",
                        "dev.handover.core.wording");
        noClasses()
                .that()
                .haveSimpleNameContaining("Selector")
                .or()
                .haveSimpleName("SelectionContext")
                .or()
                .haveSimpleNameContaining("Renderer")
                .or()
                .haveSimpleName("Markup")
                .or()
                .haveSimpleName("Markers")
                .or()
                .haveSimpleName("StepRecord")
                .or()
                .haveSimpleName("Durations")
                .or()
                .haveSimpleName("FollowUp")
                .or()
                .haveSimpleName("FollowUpStep")
                .or()
                .haveSimpleName("ReminderSchedule")
                .or()
                .haveSimpleName("Retries")
                .should()
                .resideInAnyPackage(exported.toArray(String[]::new))
                .check(CORE);
    }

    @Test
    void theApiNeverHandsOutATypeOfAPackageThatIsNotExported() {
        Set<String> exported = exportedPackages();
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : CORE) {
            if (!exported.contains(c.getPackageName()) || !isVisibleToEmbedders(c)) {
                continue;
            }
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                Set<JavaClass> used = new HashSet<>(m.getRawParameterTypes());
                used.add(m.getRawReturnType());
                for (JavaClass t : used) {
                    if (isInternal(t, exported)) {
                        leaks.add(m.getFullName() + " uses " + t.getName());
                    }
                }
            }
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.PUBLIC) && isInternal(f.getRawType(), exported)) {
                    leaks.add(f.getFullName() + " is a " + f.getRawType().getName());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noTwoSourceFilesDependOnEachOtherRoundAbout() {
        // what tools that count file-level cycles see: a nested class belongs to its top-level class's file
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : CORE) {
            Set<String> out = uses.computeIfAbsent(fileOf(c), k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("dev.handover.core")
                        && !fileOf(target).equals(fileOf(c))) {
                    out.add(fileOf(target));
                }
            }
        }
        assertThat(cycles(uses)).isEmpty();
    }

    @Test
    void packagesAreNamedByTheirConceptNeverAsAGrabBag() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "..util..", "..utils..", "..helper..", "..helpers..", "..internal..", "..impl..", "..manager..")
                .check(CORE);
    }

    @Test
    void everyPackageSaysWhatItIsAndThoseNotExportedSayTheyAreNotApi() throws IOException {
        Set<String> exported = exportedPackages();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasSources;
                try (Stream<Path> files = Files.list(dir)) {
                    hasSources = files.anyMatch(f -> f.toString().endsWith(".java")
                            && !f.getFileName().toString().equals("module-info.java"));
                }
                if (!hasSources) {
                    continue;
                }
                String pkg =
                        SOURCES.relativize(dir).toString().replace('/', '.').replace('\\', '.');
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info)) {
                    problems.add(pkg + " has no package-info.java");
                } else if (!exported.contains(pkg) && !Files.readString(info).contains("Not API")) {
                    problems.add(pkg + " is not exported, but its package-info.java does not say it is not API");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The packages {@code module-info.java} exports (the tests run on the class path, so it is read as source). */
    private static Set<String> exportedPackages() {
        try {
            Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;")
                    .matcher(Files.readString(SOURCES.resolve("module-info.java")));
            Set<String> out = new TreeSet<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("module-info.java cannot be read from " + SOURCES, e);
        }
    }

    private static boolean isVisibleToEmbedders(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternal(JavaClass type, Set<String> exported) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return INTERNAL.test(base) && !exported.contains(base.getPackageName());
    }

    private static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe(
            "a class of handover-core", c -> c.getPackageName().startsWith("dev.handover.core"));

    private static String fileOf(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** The strongly connected groups of more than one file (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : uses.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, uses, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(
            String v,
            Map<String, Set<String>> uses,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, uses, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                out.add(group);
            }
        }
    }
}

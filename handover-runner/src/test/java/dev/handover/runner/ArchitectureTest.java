package dev.handover.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runner knows no vendor: it compiles against the SPI, core and the in-memory CRM only, finds adapters at run time
 * through {@code ServiceLoader}, and names no vendor in its code. It is an application: it exports nothing.
 */
final class ArchitectureTest {
    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.handover.runner");

    /** Vendors whose adapters ship with the runner; none of them may be named in its code. */
    private static final List<String> VENDORS = List.of("zendesk", "salesforce");

    @Test
    void dependsOnNoAdapterAndNoTestCode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.handover.zendesk..",
                        "dev.handover.salesforce..",
                        "dev.handover.testkit..",
                        "dev.handover.spi.internal..",
                        "org.junit..")
                .because("adapters are found at run time and the runner's jar ships no test code")
                .check(RUNNER);
    }

    @Test
    void moduleRequiresNoAdapterAndExportsNothing() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                    .contains("dev.handover.spi", "dev.handover.core", "dev.handover.memory")
                    .doesNotContain("dev.handover.zendesk", "dev.handover.salesforce", "dev.handover.testkit");
            assertThat(d.exports()).as("an application exports nothing").isEmpty();
        }
    }

    @Test
    void namesNoVendorInItsCode() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String text : stringLiterals(Files.readString(f))) {
                    String lower = text.toLowerCase(Locale.ROOT);
                    assertThat(VENDORS)
                            .as("%s names a vendor in \"%s\"", f, text)
                            .noneMatch(lower::contains);
                }
            }
        }
        assertThat(stringLiterals("a(\"x // y\"); // \"zendesk\"\n/* \"salesforce\" */ b('\"', \"\"\"\n  t\"\"\");"))
                .as("the scanner itself: comments are skipped, strings and text blocks are read")
                .containsExactly("x // y", "\n  t");
    }

    /** The string literals and text blocks of a Java source, comments and character literals skipped. */
    static List<String> stringLiterals(String java) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i) < 0 ? n : java.indexOf('\n', i);
            } else if (java.startsWith("/*", i)) {
                i = java.indexOf("*/", i + 2) < 0 ? n : java.indexOf("*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                out.add(java.substring(i + 3, end < 0 ? n : end));
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && java.charAt(j) != c) {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(java.substring(i + 1, Math.min(j, n)));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}

package dev.handover.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Maven dependencies the README's "Dependencies" section tells an embedder to declare are the ones this project
 * declares, so they are the ones {@link ModulePathIT} and {@link AlignedVersionsTest} prove.
 */
final class ReadmeDependenciesTest {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    @Test
    void theReadmesDependenciesAreThisProjectsDependencies() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("#### Dependencies");
        assertThat(section).as("README section 'Dependencies'").isPositive();
        int start = readme.indexOf("```xml", section);
        String block = readme.substring(start, readme.indexOf("```", start + 6));
        List<String> declared = declared(block);
        assertThat(declared)
                .contains(
                        "dev.handover:handover-bom:pom:import",
                        "dev.handover:handover-core:compile",
                        "dev.handover:handover-zendesk-adapter:runtime");
        assertThat(declared(Files.readString(Path.of("pom.xml")))).containsAll(declared);
    }

    /** groupId:artifactId[:type]:scope of each dependency, the default scope written out. */
    private static List<String> declared(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(xml);
        while (m.find()) {
            String d = m.group(1);
            String type = tag(d, "type");
            String scope = tag(d, "scope");
            out.add(tag(d, "groupId") + ":" + tag(d, "artifactId") + (type.isEmpty() ? "" : ":" + type) + ":"
                    + (scope.isEmpty() ? "compile" : scope));
        }
        return out;
    }

    private static String tag(String element, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(element);
        return m.find() ? m.group(1).strip() : "";
    }
}

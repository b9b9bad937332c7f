package dev.handover.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an embedder gets by importing handover-bom alone (this module has no parent) is one version per library family,
 * and the build decides those versions in no other place than handover-bom, so it tests with exactly them.
 */
final class AlignedVersionsTest {
    /** The families handover-bom manages; a module or the parent naming a version of one would bypass it. */
    private static final List<String> MANAGED = List.of(
            "com.fasterxml.jackson", "org.glassfish.jersey", "jakarta.", "org.slf4j", "com.github.ben-manes.caffeine");

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>");

    private record Artifact(String group, String artifact, String version) {
        @Override
        public String toString() {
            return group + ":" + artifact + ":" + version;
        }
    }

    @Test
    void jacksonIsOneVersion() throws IOException {
        List<Artifact> jackson = resolved(a -> a.group().startsWith("com.fasterxml.jackson"));
        String databind = versionOf(jackson, "jackson-databind");
        // since 2.20 jackson-annotations is versioned by major.minor only (2.23 beside 2.23.0)
        String minor = databind.substring(0, databind.lastIndexOf('.'));
        assertThat(jackson)
                .extracting(Artifact::artifact)
                .contains("jackson-module-jakarta-xmlbind-annotations", "jackson-datatype-jsr310");
        assertThat(jackson)
                .allSatisfy(a -> assertThat(a.version())
                        .as("%s beside jackson-databind %s", a, databind)
                        .isEqualTo(a.artifact().equals("jackson-annotations") ? minor : databind));
    }

    @Test
    void jerseyHk2AndSlf4jAreOneVersionEach() throws IOException {
        assertOneVersion(resolved(a -> a.group().startsWith("org.glassfish.jersey")), 6);
        assertOneVersion(
                resolved(a -> a.group().startsWith("org.glassfish.hk2")
                        && a.artifact().startsWith("hk2-")),
                3);
        assertOneVersion(resolved(a -> a.group().equals("org.slf4j")), 2);
    }

    @Test
    void theJakartaApisAreTheOnesTheBomPins() throws Exception {
        Map<String, String> pinned = bomPins();
        List<Artifact> jakarta = resolved(a -> a.group().startsWith("jakarta."));
        assertThat(jakarta)
                .extracting(Artifact::artifact)
                .contains("jakarta.ws.rs-api", "jakarta.annotation-api", "jakarta.inject-api", "jakarta.xml.bind-api");
        assertThat(jakarta)
                .allSatisfy(a -> assertThat(a.version())
                        .as("%s: handover-bom pins %s", a, pinned.get(a.group() + ":" + a.artifact()))
                        .isEqualTo(pinned.get(a.group() + ":" + a.artifact())));
    }

    @Test
    void noOtherPomNamesAVersionOfWhatTheBomManages() throws IOException {
        List<Path> poms = new ArrayList<>(List.of(Path.of("../pom.xml")));
        try (var dirs = Files.list(Path.of(".."))) {
            dirs.filter(d -> d.getFileName().toString().startsWith("handover-"))
                    .filter(d -> !d.getFileName().toString().equals("handover-bom"))
                    .map(d -> d.resolve("pom.xml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(poms::add);
        }
        assertThat(poms).hasSizeGreaterThan(10);
        List<String> offenders = new ArrayList<>();
        for (Path pom : poms) {
            for (String d : dependencies(Files.readString(pom))) {
                String group = tag(d, "groupId");
                String version = tag(d, "version");
                if (!version.isEmpty() && MANAGED.stream().anyMatch(group::startsWith)) {
                    offenders.add(pom + ": " + group + ":" + tag(d, "artifactId") + ":" + version);
                }
            }
        }
        assertThat(offenders)
                .as("versions of these come from handover-bom only")
                .isEmpty();
    }

    private static void assertOneVersion(List<Artifact> family, int atLeast) {
        assertThat(family).hasSizeGreaterThanOrEqualTo(atLeast);
        Set<String> versions = family.stream().map(Artifact::version).collect(Collectors.toCollection(TreeSet::new));
        assertThat(versions).as("versions of %s", family).hasSize(1);
    }

    private static String versionOf(List<Artifact> family, String artifact) {
        return family.stream()
                .filter(a -> a.artifact().equals(artifact))
                .findFirst()
                .orElseThrow()
                .version();
    }

    /** The embedder's run-time jars, named by the Maven coordinates each jar records of itself. */
    private static List<Artifact> resolved(Predicate<Artifact> which) throws IOException {
        String path =
                Files.readString(Path.of(System.getProperty("modulepath.file"))).strip();
        List<Artifact> out = new ArrayList<>();
        for (String jar : Arrays.asList(path.split(File.pathSeparator))) {
            try (JarFile f = new JarFile(jar)) {
                var entries = f.stream()
                        .filter(e -> e.getName().startsWith("META-INF/maven/"))
                        .filter(e -> e.getName().endsWith("/pom.properties"))
                        .toList();
                for (var e : entries) {
                    Properties p = new Properties();
                    try (InputStream in = f.getInputStream(e)) {
                        p.load(in);
                    }
                    out.add(new Artifact(
                            p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version")));
                }
            }
        }
        return out.stream().filter(which).toList();
    }

    /** groupId:artifactId → version of handover-bom's entries, with its properties filled in. */
    private static Map<String, String> bomPins() throws IOException {
        String pom = Files.readString(Path.of("../handover-bom/pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher p = PROPERTY.matcher(pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>")));
        while (p.find()) {
            properties.put(p.group(1), p.group(2).strip());
        }
        Map<String, String> pins = new TreeMap<>();
        for (String d : dependencies(pom)) {
            String version = tag(d, "version");
            if (version.startsWith("${")) {
                version = properties.getOrDefault(version.substring(2, version.length() - 1), version);
            }
            pins.put(tag(d, "groupId") + ":" + tag(d, "artifactId"), version);
        }
        return pins;
    }

    /** The {@code <dependency>} elements of a pom, comments removed (the test patches into a module without java.xml). */
    private static List<String> dependencies(String pom) {
        Matcher m = DEPENDENCY.matcher(COMMENT.matcher(pom).replaceAll(""));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String tag(String element, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(element);
        return m.find() ? m.group(1).strip() : "";
    }
}

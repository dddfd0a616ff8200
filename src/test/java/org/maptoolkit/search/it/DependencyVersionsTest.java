package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fails if a dependency comes back at a version with a known critical vulnerability (for example
 * tika-core and the PDF module before 3.2.2, CVE-2025-66516).
 */
class DependencyVersionsTest {
  /** Artifact name to the lowest version allowed on the runtime classpath. */
  private static final Map<String, String> MINIMUMS =
      Map.of(
          "tika-core", "3.2.2",
          "tika-parser-pdf-module", "3.2.2",
          "pdfbox", "3.0.5",
          "jackson-databind", "2.18.6",
          "jackson-core", "2.18.6",
          "jetty-server", "12.0.25",
          "jetty-http", "12.0.25",
          "commons-compress", "1.26.0",
          "poi-ooxml", "5.4.0",
          "lucene-core", "10.0.0");

  private static final Pattern JAR = Pattern.compile("(.+?)-(\\d+(?:\\.\\d+)*)(?:[-.].*)?\\.jar");

  @Test
  void noDependencyIsOlderThanItsFixedVersion() throws IOException {
    List<String> jars = classpathJars();
    List<String> checked = new ArrayList<>();
    for (String jar : jars) {
      Matcher m = JAR.matcher(jar);
      if (m.matches() && MINIMUMS.containsKey(m.group(1))) {
        String minimum = MINIMUMS.get(m.group(1));
        checked.add(m.group(1));
        assertThat(compare(m.group(2), minimum))
            .as(
                "%s is at %s; versions before %s have known critical vulnerabilities",
                m.group(1), m.group(2), minimum)
            .isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(checked)
        .as("the checked artifacts were found on the classpath")
        .containsAll(
            List.of(
                "tika-core",
                "tika-parser-pdf-module",
                "jackson-databind",
                "jetty-server",
                "lucene-core"));
  }

  /** The jar file names on the test classpath, following a manifest-only booter jar. */
  private static List<String> classpathJars() throws IOException {
    List<String> names = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      names.add(path.getFileName().toString());
      if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        try (JarFile jar = new JarFile(path.toFile())) {
          Manifest manifest = jar.getManifest();
          String classPath =
              manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
          if (classPath != null) {
            for (String url : classPath.split(" ")) {
              names.add(url.substring(url.lastIndexOf('/') + 1));
            }
          }
        }
      }
    }
    return names;
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}

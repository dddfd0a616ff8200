package org.maptoolkit.search;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the project's files are, whatever the working directory, and what a test does when
 * something it needs from outside the project is absent: skip with a message on a user's clone,
 * fail under CI ({@code CI=true}), which must run everything.
 */
public final class Project {
  private Project() {}

  /** The project's folder: Maven passes it; the working directory otherwise. */
  public static Path dir() {
    String basedir = System.getProperty("project.basedir");
    return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
  }

  /** The sample content {@code serve} ingests on first start. */
  public static Path samples() {
    return dir().resolve("samples");
  }

  /** {@code ../shared/RELATIVE}, the material every developer and CI run has beside the project. */
  public static Path shared(String relative) {
    Path path = dir().resolve("../shared").resolve(relative).normalize();
    require(Files.exists(path), "../shared/" + relative + " is absent");
    return path;
  }

  /** Whether CI is running the tests: then nothing may be skipped. */
  public static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  /**
   * Skips the test with {@code why} when {@code present} is false, or fails it under CI.
   *
   * @param why what is missing and how to get it
   */
  public static void require(boolean present, String why) {
    if (!present && ci()) {
      fail("CI must run this test, but " + why);
    }
    Assumptions.assumeTrue(present, why + ": skipped (CI=true makes this a failure)");
  }
}

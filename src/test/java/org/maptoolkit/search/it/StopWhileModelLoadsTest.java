package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} stopped (SIGTERM) the moment it answers, while the embedding model is still loading
 * in native code, waits for the load to end and closes cleanly: a JVM halting mid-load crashed in
 * ONNX Runtime before.
 */
class StopWhileModelLoadsTest {
  @TempDir Path dir;

  @Test
  void aStopDuringTheModelLoadWaitsForItAndExitsCleanly() throws Exception {
    Path index = ServeProcess.ingestedFixture(dir);
    Path work = Files.createDirectories(dir.resolve("work"));
    Process serve = ServeProcess.start(index, System.getProperty("java.class.path"), work);
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
        if (line.contains("MAP Search serving")) {
          serve.toHandle().destroy(); // SIGTERM, leaving the output readable
        }
      }
    }
    assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String output = String.join("\n", lines);
    assertThat(output).contains("MAP Search serving");
    // Stopped by the signal (128 + 15) after the shutdown waited for the model's load to end.
    assertThat(serve.exitValue()).as(output).isEqualTo(143);
    // The load ended before the JVM did: it finished, or gave up because the JVM was stopping.
    assertThat(output)
        .containsAnyOf("semantic search ready", "semantic search unavailable")
        .doesNotContain("fatal error");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith("hs_err"));
    }
  }
}

package org.maptoolkit.search.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --index} option shared by every command. */
final class IndexOption {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      defaultValue = "${env:MAP_SEARCH_INDEX:-index}",
      description = "Index folder (env MAP_SEARCH_INDEX; default: ${DEFAULT-VALUE}).")
  Path index;
}

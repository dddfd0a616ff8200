package org.maptoolkit.search.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An optional properties file of option values (keys named like the long options without the
 * dashes), checked once at start-up: a missing file or an unknown key is an error, not ignored.
 */
final class ConfigFile {
  private ConfigFile() {}

  static CommandLine.IDefaultValueProvider load(Path file, CommandLine cli) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the configuration file " + file + ": " + e.getMessage());
    }
    Set<String> known = new TreeSet<>();
    collect(cli, known);
    for (String key : properties.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "' in " + file + "; known: " + String.join(", ", known));
      }
    }
    CommandLine.PropertiesDefaultProvider file1 =
        new CommandLine.PropertiesDefaultProvider(properties);
    // Values from the file override the built-in defaults (and the environment they read).
    return argSpec -> {
      String value = file1.defaultValue(argSpec);
      return value != null ? value : argSpec.defaultValue();
    };
  }

  private static void collect(CommandLine cli, Set<String> known) {
    for (OptionSpec option : cli.getCommandSpec().options()) {
      known.add(option.longestName().replaceFirst("^-+", ""));
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      collect(sub, known);
    }
  }
}

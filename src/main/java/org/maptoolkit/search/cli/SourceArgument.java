package org.maptoolkit.search.cli;

import org.maptoolkit.search.ingest.SourceLocation;
import picocli.CommandLine;

/** Reads a SOURCE argument: a path, or a site's http(s) address; a bad address is a usage error. */
final class SourceArgument implements CommandLine.ITypeConverter<SourceLocation> {
  @Override
  public SourceLocation convert(String value) {
    try {
      return SourceLocation.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}

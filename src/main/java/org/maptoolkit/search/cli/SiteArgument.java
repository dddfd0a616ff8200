package org.maptoolkit.search.cli;

import java.net.URI;
import org.maptoolkit.search.ingest.SourceLocation;
import picocli.CommandLine;

/** Reads a site's http(s) address; anything else is a usage error with the reason. */
final class SiteArgument implements CommandLine.ITypeConverter<URI> {
  @Override
  public URI convert(String value) {
    try {
      return SourceLocation.siteUrl(value.strip());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}

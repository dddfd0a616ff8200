package org.maptoolkit.search.cli;

import java.nio.file.Path;
import java.util.List;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;

/** The server wired exactly as {@code serve} wires it, for tests in other packages. */
public final class TestServers {
  private TestServers() {}

  public static ApiServer server(IndexStore store, Path source, List<String> corsOrigins) {
    return Services.server(
        store,
        Services.ServerConfig.builder(source)
            .rateLimit(1_000_000)
            .corsOrigins(corsOrigins)
            .build());
  }
}

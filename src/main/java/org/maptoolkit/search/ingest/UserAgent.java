package org.maptoolkit.search.ingest;

/** How MAP Search names itself to the sites it reads: one User-Agent for fetching and syncing. */
public final class UserAgent {
  private UserAgent() {}

  /** The release, as {@code map-search --version} gives it. */
  public static final String VERSION = "0.1.0";

  /** The User-Agent header of every request MAP Search makes. */
  public static final String VALUE =
      "MAP-Search/" + VERSION + " (+https://github.com/; library and knowledge services search)";
}

package org.maptoolkit.search.ingest;

import java.nio.file.Path;

/**
 * One thing a source offers for indexing: a page, or a standalone document.
 *
 * @param id stable id (path inside the source without the page extension)
 * @param origin where it came from, for reports (path inside the source, or a URL)
 * @param file the file to read
 * @param page true for an HTML page of the toolkit, false for a standalone document
 */
public record SourceItem(String id, String origin, Path file, boolean page) {}

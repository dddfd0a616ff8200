package org.maptoolkit.search.search;

/**
 * A highlighted passage, HTML-escaped with {@code <mark>}, its page (1-based) or null, and how many
 * different query terms it matched (to choose among fields).
 */
public record Snippet(String html, Integer page, int distinctTerms) {}

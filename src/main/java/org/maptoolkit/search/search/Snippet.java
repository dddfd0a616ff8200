package org.maptoolkit.search.search;

/** A highlighted passage, HTML-escaped with {@code <mark>}, and its page (1-based) or null. */
public record Snippet(String html, Integer page) {}

package org.maptoolkit.search.web.view;

/** A link as a page shows it: its words and where it goes. */
public record Link(String label, String href) {}

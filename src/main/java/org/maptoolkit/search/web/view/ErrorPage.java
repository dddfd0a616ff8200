package org.maptoolkit.search.web.view;

/** An error shown to a person in a browser: the status, a heading and what happened. */
public record ErrorPage(int status, String heading, String message) {}

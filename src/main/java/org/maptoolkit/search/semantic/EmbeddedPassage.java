package org.maptoolkit.search.semantic;

/**
 * A passage with its vector.
 *
 * @param key what the vector was computed from (model and text), to reuse it while both are the
 *     same
 * @param vector the unit vector, as Lucene's vector field takes it; not to be changed
 */
// The vector is an array because Lucene and the model both speak float[]; nothing compares these.
@SuppressWarnings("ArrayRecordComponent")
public record EmbeddedPassage(Passage passage, String key, float[] vector) {}

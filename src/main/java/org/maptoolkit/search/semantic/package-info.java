/**
 * Search by meaning: an in-process sentence embedding model ({@link
 * org.maptoolkit.search.semantic.Embedder}), records cut into passages for it ({@link
 * org.maptoolkit.search.semantic.Passages}), passage vectors held as child documents of their
 * record in the same Lucene index ({@link org.maptoolkit.search.semantic.RecordBlocks}), the
 * filtered per-record nearest-neighbour query ({@link
 * org.maptoolkit.search.semantic.VectorQueries}) and the fusion of keyword and vector rankings
 * ({@link org.maptoolkit.search.semantic.Fusion}). The design and its measurements are in {@code
 * docs/semantic.md}.
 */
package org.maptoolkit.search.semantic;

package org.maptoolkit.search.semantic;

/** The little arithmetic vectors need here. */
final class VectorMath {
  private VectorMath() {}

  /** {@code v} scaled to length 1 (a copy); a zero vector stays zero. */
  static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    float[] out = v.clone();
    if (sum == 0) {
      return out;
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int i = 0; i < out.length; i++) {
      out[i] *= scale;
    }
    return out;
  }

  /** The dot product: the cosine of two normalised vectors. */
  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}

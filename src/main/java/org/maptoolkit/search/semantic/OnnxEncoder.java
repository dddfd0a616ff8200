package org.maptoolkit.search.semantic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BERT encoder in ONNX Runtime: a batch of token id sequences in, one L2-normalised vector per
 * sequence out (the {@code [CLS]} token's hidden state, as BGE models are trained to be pooled).
 * ONNX Runtime sessions may be run from several threads at once.
 */
final class OnnxEncoder implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final boolean takesTokenTypes;

  /**
   * Loads the model.
   *
   * @param threads the threads one run may use (ONNX Runtime's intra-op pool)
   * @throws OrtException when ONNX Runtime cannot read the model
   */
  OnnxEncoder(byte[] model, int threads) throws OrtException {
    this.environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      // Idle run threads sleep instead of spinning: the cores are shared with Lucene and Jetty.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = environment.createSession(model, options);
    }
    this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
  }

  /** The vectors of {@code batch}, in order; sequences are padded to the longest. */
  float[][] encode(List<long[]> batch) throws OrtException {
    int rows = batch.size();
    int width = batch.stream().mapToInt(ids -> ids.length).max().orElse(0);
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      long[] row = batch.get(r);
      System.arraycopy(row, 0, ids, r * width, row.length);
      // Padding is id 0 with attention 0: the model does not look at it.
      java.util.Arrays.fill(mask, r * width, r * width + row.length, 1L);
    }
    long[] shape = {rows, width};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", idTensor);
      inputs.put("attention_mask", maskTensor);
      if (takesTokenTypes) {
        inputs.put("token_type_ids", typeTensor);
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
          out[r] = VectorMath.normalised(hidden[r][0]);
        }
        return out;
      }
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}

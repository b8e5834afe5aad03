package com.securecart.recommendations;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The one place that calls LAPACK (OpenBLAS through JavaCPP): a symmetric positive definite float
 * matrix in native memory, inverted in place by Cholesky ({@code spotrf}, then {@code spotri}).
 * Native so that the n-by-n matrix exists once (a 20,000-item catalog is 1.6 GB), and not on the
 * Java heap; single precision because a Gram matrix plus a ridge is well conditioned and half the
 * bytes of double. Measured against pure-Java EJML in docs/recommendations.md.
 */
final class Lapack {
  private Lapack() {}

  /** An n-by-n row-major float matrix outside the heap; close it to free the memory at once. */
  static final class SymmetricMatrix implements AutoCloseable {
    /** The largest n whose n * n cells a Java int indexes. */
    static final int MAX_SIZE = 46_340;

    private final int n;
    private final FloatPointer pointer;
    private final FloatBuffer cells;

    SymmetricMatrix(int n) {
      if (n < 0 || n > MAX_SIZE) {
        throw new IllegalArgumentException("size must be 0 to " + MAX_SIZE + ": " + n);
      }
      this.n = n;
      this.pointer = new FloatPointer((long) Math.max(n, 1) * Math.max(n, 1));
      this.cells = pointer.asBuffer();
      pointer.zero();
    }

    int size() {
      return n;
    }

    /** The bytes this matrix holds in native memory. */
    long bytes() {
      return (long) n * n * Float.BYTES;
    }

    void add(int i, int j, float value) {
      int at = i * n + j;
      cells.put(at, cells.get(at) + value);
    }

    float get(int i, int j) {
      return cells.get(i * n + j);
    }

    /** Copies row {@code i} into {@code row} (length n). */
    void row(int i, float[] row) {
      cells.get(i * n, row, 0, n);
    }

    /**
     * Replaces the matrix by its inverse; throws if it is not positive definite. Only the upper
     * triangle is read.
     */
    void invertInPlace() {
      if (n == 0) {
        return;
      }
      // Row-major upper is column-major lower of the same bytes: asking for the latter spares
      // LAPACKE's row-major path its transposed copy of the whole matrix.
      int info = openblas.LAPACKE_spotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, pointer, n);
      if (info != 0) {
        throw new ArithmeticException("not positive definite (spotrf info " + info + ")");
      }
      info = openblas.LAPACKE_spotri(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, pointer, n);
      if (info != 0) {
        throw new ArithmeticException("singular (spotri info " + info + ")");
      }
      // spotri writes the upper triangle only: mirror it so that rows read whole.
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          cells.put(i * n + j, cells.get(j * n + i));
        }
      }
    }

    @Override
    public void close() {
      pointer.close();
    }
  }

  /**
   * The threads OpenBLAS uses: OPENBLAS_NUM_THREADS when set, else one per available processor (its
   * default).
   */
  static int threads() {
    String set = System.getenv("OPENBLAS_NUM_THREADS");
    return set != null && set.matches("[1-9][0-9]*")
        ? Integer.parseInt(set)
        : Runtime.getRuntime().availableProcessors();
  }
}

package dev.myelin.kernel;

/**
 * The middle rung of the GEMM ladder, for reading, not for speed: the tests' {@code GemmReference}, a triple loop,
 * below it, {@link VectorGemm} above. It has VectorGemm's structure (Goto and van de Geijn's, as in
 * BLIS) in plain scalar Java, so that the blocking can be read without the Vector API in the way:
 *
 * <pre>
 * for jc in steps of NC          5th loop: a panel of NC columns of B and C
 *   for pc in steps of KC        4th loop: a KC-deep slice of the sum; pack B[pc.., jc..] into slivers
 *     for ir in steps of MR      3rd loop: a row sliver of A and C
 *       for jr in steps of NR    2nd loop: a column sliver of the packed panel
 *         micro-kernel           1st loop: p over KC, an MR x NR tile of C held in accumulators
 * </pre>
 *
 * VectorGemm's tile is 6 rows by 4 vectors of 16 floats on AVX-512, in 24 vector registers, and it
 * reads A in place; here the tile is {@value #MR} x {@value #NR} floats in an array, and the rest is
 * the same: B packed sliver by sliver, p-major, zero-padded at the edge, so that the micro-kernel
 * reads it contiguously; C written once per KC slice. A test holds it to GemmReference (in the tests).
 */
final class TiledGemm {
    /** Rows of the tile: one broadcast of A each per step of p. */
    static final int MR = 6;
    /** Columns of the tile: one vector of B per step of p in VectorGemm's 6x1 kernel. */
    static final int NR = 16;
    /** Depth of a panel. VectorGemm derives it from the L1 cache ({@link GemmBlocking}). */
    static final int KC = 256;
    /** Width of a panel. VectorGemm derives it from the L2 cache. */
    static final int NC = 128;

    private TiledGemm() {
    }

    /**
     * {@code C = op(A) op(B)} (or {@code C += ...} with {@code accumulate}), as {@link Gemm#sgemm}.
     *
     * @param m          rows of op(A) and of C
     * @param n          columns of op(B) and of C
     * @param k          the length of each sum
     * @param matA       op(A), {@code m x k}
     * @param matB       op(B), {@code k x n}
     * @param matC       C, {@code m x n}
     * @param accumulate whether to add the product to C rather than overwrite C
     * @throws IllegalArgumentException as {@link Gemm#sgemm} does
     */
    static void sgemm(int m, int n, int k, Matrix matA, Matrix matB, Matrix matC, boolean accumulate) {
        Gemm.checkArguments(m, n, k, matA, matB, matC);
        if (m == 0 || n == 0) {
            return;
        }
        float[] c = matC.data();
        int cOff = matC.offset(), ldc = matC.stride();
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        float[] packed = new float[KC * NC];
        float[] tile = new float[MR * NR];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(matB, pc, kc, jc, nc, packed);
                for (int ir = 0; ir < m; ir += MR) {
                    int rows = Math.min(MR, m - ir);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        microKernel(matA, ir, pc, rows, kc, packed, jr * kc, tile);
                        for (int i = 0; i < rows; i++) { // add the tile into C, only its real rows and columns
                            for (int j = 0; j < cols; j++) {
                                c[cOff + (ir + i) * ldc + jc + jr + j] += tile[i * NR + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Copies {@code op(B)[pc:pc+kc, jc:jc+nc]} as slivers of NR columns: sliver s holds, for each p in
     * turn, its NR values of row p, so the micro-kernel's reads are sequential. Columns past the edge
     * are zero, so the micro-kernel never needs a special case for them.
     *
     * @param matB   op(B)
     * @param pc     the panel's first row of op(B)
     * @param kc     the panel's depth, at most {@link #KC}
     * @param jc     the panel's first column of op(B)
     * @param nc     the panel's width, at most {@link #NC}
     * @param packed receives the slivers, at least {@code kc} times {@code nc} rounded up to {@link #NR}
     */
    static void packB(Matrix matB, int pc, int kc, int jc, int nc, float[] packed) {
        boolean transB = matB.transposed();
        float[] b = matB.data();
        int bOff = matB.offset(), ldb = matB.stride();
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc; // sliver jr / NR starts after jr / NR slivers of kc x NR values
            for (int p = 0; p < kc; p++) {
                for (int j = 0; j < NR; j++) {
                    int col = jc + jr + j;
                    float v = 0f;
                    if (jr + j < nc) {
                        v = transB ? b[bOff + col * ldb + pc + p] : b[bOff + (pc + p) * ldb + col];
                    }
                    packed[base + p * NR + j] = v;
                }
            }
        }
    }

    /**
     * The micro-kernel: {@code tile[i][j] = sum over p of A[ir+i][pc+p] * sliver[p][j]}, for rows of A
     * beyond {@code rows} nothing. This loop is what VectorGemm's {@code kernel6x1} computes with one
     * FMA per row and p, sixteen columns at a time.
     *
     * @param matA   op(A)
     * @param ir     the first row of op(A) of the tile
     * @param pc     the panel's first column of op(A)
     * @param rows   the tile's rows of op(A), at most {@link #MR}
     * @param kc     the panel's depth
     * @param packed the packed panel of op(B) ({@link #packB})
     * @param sliver index in {@code packed} of the tile's sliver
     * @param tile   receives the {@code MR x NR} tile, row-major; overwritten
     */
    static void microKernel(Matrix matA, int ir, int pc, int rows, int kc, float[] packed, int sliver, float[] tile) {
        boolean transA = matA.transposed();
        float[] a = matA.data();
        int aOff = matA.offset(), lda = matA.stride();
        java.util.Arrays.fill(tile, 0f);
        for (int p = 0; p < kc; p++) {
            int bRow = sliver + p * NR;
            for (int i = 0; i < rows; i++) {
                float aip = transA ? a[aOff + (pc + p) * lda + ir + i] : a[aOff + (ir + i) * lda + pc + p];
                for (int j = 0; j < NR; j++) {
                    tile[i * NR + j] += aip * packed[bRow + j];
                }
            }
        }
    }
}

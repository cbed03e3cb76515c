package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM on the Vector API, in the BLIS style: B is packed into panels {@code KC} deep and {@code NC}
 * wide (sized from the caches, {@link GemmBlocking}) cut into slivers of {@code NR} columns, and a register-blocked micro-kernel multiplies {@code MR} rows of A
 * by one B sliver with FMAs, holding an {@code MR x NR} tile of C in vector registers for the whole
 * {@code KC} loop. A is the broadcast operand, so it is read in place (any stride, either
 * transposition) rather than packed: a broadcast costs the same from any address, and the
 * {@code MR x KC} rows in use stay in L1 while the kernel sweeps the B slivers. Only a ragged last
 * row sliver is copied, into a zero-padded buffer.
 *
 * <p>The tile is chosen per shape: 6 rows x 4 vectors (24 accumulators) for wide C, 12 x 2 when C
 * has at most two vectors of columns, 12 x 1 for one; a narrow C would waste most of a wide tile on
 * zero padding. When C has at least one column sliver per thread, each thread takes a band of columns
 * through the whole product; otherwise, with a row sliver per thread, a band of rows; only tiny
 * products split the row slivers of each panel. Either way the order
 * of the sum for each element of C depends only on {@code KC}, never on the thread count, so results
 * are bit-identical with any number of threads.
 */
final class VectorGemm {
    /** The machine's preferred float vector: 16 lanes on AVX-512, 8 on AVX2. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int L = S.length();
    /** Depth of a panel: the A rows in use fill half of L1d ({@link GemmBlocking}); 512 on a 48 KiB L1d. */
    static final int KC = GemmBlocking.detected().kc();
    /** Width of a packed B panel: kc x nc floats fill half of L2, so the panel is swept from L2, not L3. */
    static final int NC = GemmBlocking.detected().nc();

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private VectorGemm() {
    }

    /** Reused packing buffers, one set per thread, so that steady-state GEMM allocates nothing. */
    private static final class Workspace {
        float[] bPack = new float[0];
        float[] aPack = new float[0];
        float[] tile = new float[0];

        float[] bPack(int size) {
            if (bPack.length < size) {
                bPack = new float[size];
            }
            return bPack;
        }
    }

    /**
     * {@code C = op(A) op(B)} (or {@code C += ...} with {@code accumulate}) as {@link Gemm#sgemm}, which has
     * checked the arguments.
     *
     * @param m          rows of op(A) and of C
     * @param n          columns of op(B) and of C
     * @param k          the length of each sum
     * @param a          op(A), {@code m x k}
     * @param b          op(B), {@code k x n}
     * @param c          C, {@code m x n}
     * @param accumulate whether to add the product to C rather than overwrite C
     */
    static void sgemm(int m, int n, int k, Matrix a, Matrix b, Matrix c, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                float[] cData = c.data();
                int cOff = c.offset(), ldc = c.stride();
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(cData, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        int nv = n > 2 * L ? 4 : n > L ? 2 : 1;
        int mr = nv == 4 ? 6 : 12;
        int nr = nv * L;
        int nc = Math.min(roundUp(n, nr), Math.max(nr, NC / nr * nr));
        Product product = new Product(m, k, a, b, c, accumulate, new Blocking(mr, nr, nc));
        int rowSlivers = (m + mr - 1) / mr;
        int allColSlivers = (n + nr - 1) / nr;
        int threads = Parallel.threadsHere();
        if (threads > 1 && allColSlivers >= threads) {
            // One parallel region for the whole product: each thread owns a band of columns through every
            // K panel and packs only its own slivers of B. Splitting each panel's rows instead costs a
            // hand-off per panel, which dominated small-M, long-K products such as 64x3136x128.
            Parallel.forRange(threads, t -> {
                int first = allColSlivers * t / threads * nr;
                int end = Math.min(n, allColSlivers * (t + 1) / threads * nr);
                product.band(first, end, 0, rowSlivers);
            });
            return;
        }
        if (threads > 1 && rowSlivers >= threads) {
            // Too few columns to share: each thread owns a band of row slivers through every K panel and
            // packs all of B itself. B is at most threads x NR columns wide here, so the duplicated
            // packing is cheap, while one region replaces a hand-off per panel (the long-K weight
            // gradients of convolutions run 25 to 100 panels).
            Parallel.forRange(threads,
                    t -> product.band(0, n, rowSlivers * t / threads, rowSlivers * (t + 1) / threads));
            return;
        }
        product.band(0, n, 0, rowSlivers);
    }

    /**
     * The register tile and panel width chosen for one product from its width N.
     *
     * @param mr rows of the tile of C held in registers: 6, or 12 when C is at most two vectors wide
     * @param nr columns of the tile: 1, 2 or 4 vectors of {@code L} floats
     * @param nc columns of a packed panel of B, a multiple of {@code nr}
     */
    private record Blocking(int mr, int nr, int nc) {
    }

    /**
     * One call's product {@code C = op(A) op(B)} (or {@code C += ...}), shared by the threads' bands.
     *
     * @param m          rows of op(A) and of C
     * @param k          the length of each sum
     * @param a          op(A), {@code m x k}
     * @param b          op(B), {@code k x n}
     * @param c          C, {@code m x n}
     * @param accumulate whether the first K panel adds to C rather than overwriting it
     * @param blocking   the tile and panel sizes
     */
    private record Product(int m, int k, Matrix a, Matrix b, Matrix c, boolean accumulate, Blocking blocking) {

        /**
         * Columns {@code [first, end)} and row slivers {@code [rowFirst, rowEnd)} of C through every K panel.
         * Called for all of C (its row slivers then split across threads per panel) or, from a parallel
         * region, for one thread's band (run inline).
         */
        void band(int first, int end, int rowFirst, int rowEnd) {
            int nr = blocking.nr();
            int nc = blocking.nc();
            float[] bPack = WORKSPACE.get().bPack(KC * nc);
            for (int jc = first; jc < end; jc += nc) {
                int ncur = Math.min(nc, end - jc);
                int colSlivers = (ncur + nr - 1) / nr;
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    boolean add = accumulate || pc > 0;
                    Panel panel = new Panel(this, bPack, pc, kc, jc, ncur, colSlivers, add);
                    packB(b, pc, kc, jc, ncur, nr, colSlivers, bPack);
                    Parallel.forRange(rowEnd - rowFirst, r -> panel.rowSliver(rowFirst + r));
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+ncur] as slivers of nr columns, p-major within a sliver, zero-padded.
     * A narrower last sliver is packed only as wide as the whole vectors it needs ({@link #packedWidth}).
     */
    private static void packB(Matrix matB, int pc, int kc, int jc, int ncur, int nr, int colSlivers, float[] bPack) {
        boolean transB = matB.transposed();
        float[] b = matB.data();
        int bOff = matB.offset(), ldb = matB.stride();
        for (int s = 0; s < colSlivers; s++) {
            int base = s * kc * nr;
            int col0 = jc + s * nr;
            int width = Math.min(nr, jc + ncur - col0);
            int stride = packedWidth(width);
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * stride;
                    System.arraycopy(b, bOff + (pc + p) * ldb + col0, bPack, dst, width);
                    if (width < stride) {
                        java.util.Arrays.fill(bPack, dst + width, dst + stride, 0f);
                    }
                }
            } else {
                if (width < stride) {
                    java.util.Arrays.fill(bPack, base, base + kc * stride, 0f);
                }
                for (int j = 0; j < width; j++) {
                    int src = bOff + (col0 + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        bPack[base + p * stride + j] = b[src + p];
                    }
                }
            }
        }
    }

    /**
     * Columns a sliver of {@code width} columns is packed and computed as: whole vectors. The last
     * sliver of a 196-wide product (a 14x14 image) holds 4 columns, and a full 64-wide tile for
     * them would waste 23% of the product's FMAs.
     */
    private static int packedWidth(int width) {
        return roundUp(width, L);
    }

    /**
     * One KC-deep panel of the product: runs the micro-kernel for row slivers of A against B slivers.
     *
     * @param product    the product this panel belongs to
     * @param bPack      this thread's packed panel of B, {@code colSlivers} slivers of {@code kc x nr}
     * @param pc         the panel's first index of the sum
     * @param kc         the panel's depth
     * @param jc         the panel's first column of C
     * @param ncur       the panel's width in columns of C
     * @param colSlivers the panel's slivers of {@code nr} columns (the last may be narrower)
     * @param add        whether to add to C: when accumulating, or after the first panel of the sum
     */
    private record Panel(Product product, float[] bPack, int pc, int kc, int jc, int ncur, int colSlivers,
            boolean add) {

        /** Row sliver {@code r} of C against every column sliver of the packed panel. */
        void rowSliver(int r) {
            Matrix matA = product.a();
            Matrix matC = product.c();
            boolean transA = matA.transposed();
            float[] a = matA.data();
            int aOff = matA.offset(), lda = matA.stride();
            float[] c = matC.data();
            int cOff = matC.offset(), ldc = matC.stride();
            int mr = product.blocking().mr();
            int nr = product.blocking().nr();
            int i0 = r * mr;
            int rows = Math.min(mr, product.m() - i0);
            // Element (i, p) of op(A) sits at aBase + i * rs + p * cs.
            float[] src = a;
            int aBase = transA ? aOff + pc * lda + i0 : aOff + i0 * lda + pc;
            int rs = transA ? 1 : lda;
            int cs = transA ? lda : 1;
            Workspace ws = WORKSPACE.get();
            if (rows < mr) {
                src = packRaggedRows(ws, aBase, rs, cs, rows);
                aBase = 0;
                rs = 1;
                cs = mr;
            }
            for (int s = 0; s < colSlivers; s++) {
                int col0 = jc + s * nr;
                int cols = Math.min(nr, jc + ncur - col0);
                int bBase = s * kc * nr;
                int vectors = packedWidth(cols) / L;
                if (rows == mr && cols == nr && !add) {
                    kernel(vectors, src, aBase, rs, cs, bBase, c, cOff + i0 * ldc + col0, ldc);
                } else {
                    // The micro-kernel only stores (a load-add-store inside it would push C2 past its
                    // inlining budget and box the accumulators), so sums and edge tiles go through scratch.
                    if (ws.tile.length < 24 * L) {
                        ws.tile = new float[24 * L];
                    }
                    float[] tile = ws.tile;
                    kernel(vectors, src, aBase, rs, cs, bBase, tile, 0, nr);
                    if (rows == mr && cols == nr) {
                        addTile(tile, nr, rows, c, cOff + i0 * ldc + col0, ldc);
                        continue;
                    }
                    for (int i = 0; i < rows; i++) {
                        int dst = cOff + (i0 + i) * ldc + col0;
                        for (int j = 0; j < cols; j++) {
                            c[dst + j] = add ? c[dst + j] + tile[i * nr + j] : tile[i * nr + j];
                        }
                    }
                }
            }
        }

        /** The micro-kernel for this product's row count and a sliver of {@code vectors} vectors. */
        private void kernel(int vectors, float[] src, int aBase, int rs, int cs, int bBase, float[] out, int outOff,
                int ldOut) {
            if (product.blocking().mr() == 6) {
                switch (vectors) {
                    case 4 -> kernel6x4(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
                    case 3 -> kernel6x3(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
                    case 2 -> kernel6x2(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
                    default -> kernel6x1(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
                }
            } else if (vectors == 2) {
                kernel12x2(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
            } else {
                kernel12x1(src, aBase, rs, cs, bPack, bBase, kc, out, outOff, ldOut);
            }
        }

        /** Copies the last, short row sliver as aPack[p * mr + i], zero-padded to mr rows. */
        private float[] packRaggedRows(Workspace ws, int aBase, int rs, int cs, int rows) {
            float[] a = product.a().data();
            int mr = product.blocking().mr();
            if (ws.aPack.length < KC * 12) {
                ws.aPack = new float[KC * 12]; // large enough for every tile shape
            }
            float[] aPack = ws.aPack;
            java.util.Arrays.fill(aPack, 0, kc * mr, 0f);
            for (int p = 0; p < kc; p++) {
                for (int i = 0; i < rows; i++) {
                    aPack[p * mr + i] = a[aBase + i * rs + p * cs];
                }
            }
            return aPack;
        }
    }

    /** {@code c[cOff + i * ldc + j] += tile[i * nr + j]} for a full tile. */
    private static void addTile(float[] tile, int nr, int rows, float[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < nr; j += L) {
                int at = cOff + i * ldc + j;
                FloatVector.fromArray(S, c, at).add(FloatVector.fromArray(S, tile, i * nr + j)).intoArray(c, at);
            }
        }
    }

    /** 6 rows x 4 vectors of C: 24 accumulators, 4 loads of B and 6 broadcasts of A per step of p. */
    private static void kernel6x4(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S), c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S), c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S), c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S), c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S), c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S), c5_3 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 4 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2); c0_3 = x.fma(b3, c0_3);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2); c1_3 = x.fma(b3, c1_3);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2); c2_3 = x.fma(b3, c2_3);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2); c3_3 = x.fma(b3, c3_3);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1); c4_2 = x.fma(b2, c4_2); c4_3 = x.fma(b3, c4_3);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1); c5_2 = x.fma(b2, c5_2); c5_3 = x.fma(b3, c5_3);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + L); c0_2.intoArray(c, cOff + 2 * L); c0_3.intoArray(c, cOff + 3 * L);
        c1_0.intoArray(c, cOff + ldc); c1_1.intoArray(c, cOff + ldc + L); c1_2.intoArray(c, cOff + ldc + 2 * L); c1_3.intoArray(c, cOff + ldc + 3 * L);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + L); c2_2.intoArray(c, cOff + 2 * ldc + 2 * L); c2_3.intoArray(c, cOff + 2 * ldc + 3 * L);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + L); c3_2.intoArray(c, cOff + 3 * ldc + 2 * L); c3_3.intoArray(c, cOff + 3 * ldc + 3 * L);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + L); c4_2.intoArray(c, cOff + 4 * ldc + 2 * L); c4_3.intoArray(c, cOff + 4 * ldc + 3 * L);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + L); c5_2.intoArray(c, cOff + 5 * ldc + 2 * L); c5_3.intoArray(c, cOff + 5 * ldc + 3 * L);
    }

    /** 6 rows x 3 vectors of C, for the last, narrow sliver of a wide product. */
    private static void kernel6x3(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1); c4_2 = x.fma(b2, c4_2);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1); c5_2 = x.fma(b2, c5_2);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + L); c0_2.intoArray(c, cOff + 2 * L);
        c1_0.intoArray(c, cOff + ldc); c1_1.intoArray(c, cOff + ldc + L); c1_2.intoArray(c, cOff + ldc + 2 * L);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + L); c2_2.intoArray(c, cOff + 2 * ldc + 2 * L);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + L); c3_2.intoArray(c, cOff + 3 * ldc + 2 * L);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + L); c4_2.intoArray(c, cOff + 4 * ldc + 2 * L);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + L); c5_2.intoArray(c, cOff + 5 * ldc + 2 * L);
    }

    /** 6 rows x 2 vectors of C, for the last, narrow sliver of a wide product. */
    private static void kernel6x2(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + L);
        c1_0.intoArray(c, cOff + ldc); c1_1.intoArray(c, cOff + ldc + L);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + L);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + L);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + L);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + L);
    }

    /** 6 rows x 1 vector of C, for the last, narrow sliver of a wide product. */
    private static void kernel6x1(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 1 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0);
        }
        c0_0.intoArray(c, cOff);
        c1_0.intoArray(c, cOff + ldc);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c5_0.intoArray(c, cOff + 5 * ldc);
    }

    /** 12 rows x 2 vectors of C: 24 accumulators, 2 loads of B and 12 broadcasts of A per step of p. */
    private static void kernel12x2(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, a[ap + 6 * rs]);
            c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, a[ap + 7 * rs]);
            c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
            x = FloatVector.broadcast(S, a[ap + 8 * rs]);
            c8_0 = x.fma(b0, c8_0); c8_1 = x.fma(b1, c8_1);
            x = FloatVector.broadcast(S, a[ap + 9 * rs]);
            c9_0 = x.fma(b0, c9_0); c9_1 = x.fma(b1, c9_1);
            x = FloatVector.broadcast(S, a[ap + 10 * rs]);
            c10_0 = x.fma(b0, c10_0); c10_1 = x.fma(b1, c10_1);
            x = FloatVector.broadcast(S, a[ap + 11 * rs]);
            c11_0 = x.fma(b0, c11_0); c11_1 = x.fma(b1, c11_1);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + L);
        c1_0.intoArray(c, cOff + ldc); c1_1.intoArray(c, cOff + ldc + L);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + L);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + L);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + L);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + L);
        c6_0.intoArray(c, cOff + 6 * ldc); c6_1.intoArray(c, cOff + 6 * ldc + L);
        c7_0.intoArray(c, cOff + 7 * ldc); c7_1.intoArray(c, cOff + 7 * ldc + L);
        c8_0.intoArray(c, cOff + 8 * ldc); c8_1.intoArray(c, cOff + 8 * ldc + L);
        c9_0.intoArray(c, cOff + 9 * ldc); c9_1.intoArray(c, cOff + 9 * ldc + L);
        c10_0.intoArray(c, cOff + 10 * ldc); c10_1.intoArray(c, cOff + 10 * ldc + L);
        c11_0.intoArray(c, cOff + 11 * ldc); c11_1.intoArray(c, cOff + 11 * ldc + L);
    }

    /** 12 rows x 1 vectors of C: 12 accumulators, 1 loads of B and 12 broadcasts of A per step of p. */
    private static void kernel12x1(float[] a, int aOff, int rs, int cs, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc) {
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S);
        for (int p = 0, ap = aOff, b = bOff; p < kc; p++, ap += cs, b += 1 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ap]);
            c0_0 = x.fma(b0, c0_0);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c1_0 = x.fma(b0, c1_0);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c2_0 = x.fma(b0, c2_0);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c3_0 = x.fma(b0, c3_0);
            x = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c4_0 = x.fma(b0, c4_0);
            x = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c5_0 = x.fma(b0, c5_0);
            x = FloatVector.broadcast(S, a[ap + 6 * rs]);
            c6_0 = x.fma(b0, c6_0);
            x = FloatVector.broadcast(S, a[ap + 7 * rs]);
            c7_0 = x.fma(b0, c7_0);
            x = FloatVector.broadcast(S, a[ap + 8 * rs]);
            c8_0 = x.fma(b0, c8_0);
            x = FloatVector.broadcast(S, a[ap + 9 * rs]);
            c9_0 = x.fma(b0, c9_0);
            x = FloatVector.broadcast(S, a[ap + 10 * rs]);
            c10_0 = x.fma(b0, c10_0);
            x = FloatVector.broadcast(S, a[ap + 11 * rs]);
            c11_0 = x.fma(b0, c11_0);
        }
        c0_0.intoArray(c, cOff);
        c1_0.intoArray(c, cOff + ldc);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c6_0.intoArray(c, cOff + 6 * ldc);
        c7_0.intoArray(c, cOff + 7 * ldc);
        c8_0.intoArray(c, cOff + 8 * ldc);
        c9_0.intoArray(c, cOff + 9 * ldc);
        c10_0.intoArray(c, cOff + 10 * ldc);
        c11_0.intoArray(c, cOff + 11 * ldc);
    }
}

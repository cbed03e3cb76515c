package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM on the Vector API, in the BLIS style: B is packed into panels of {@code KC x NC} (kept in L2)
 * cut into slivers of {@code NR} columns, A into slivers of {@code MR} rows (kept in L1), and a
 * register-blocked micro-kernel multiplies one A sliver by one B sliver with FMAs, holding an
 * {@code MR x NR} tile of C in vector registers for the whole {@code KC} loop.
 *
 * <p>The tile is chosen per shape: 6 rows x 4 vectors (24 accumulators) for wide C, 12 x 2 when C
 * has at most two vectors of columns, 12 x 1 for one; a narrow C would waste most of a wide tile on
 * zero padding. Threads split row slivers (or column slivers when there are few rows); the order of
 * the sum for each element of C depends only on {@code KC}, never on the thread count, so results are
 * bit-identical with any number of threads.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Depth of a packed panel: a 6-row A sliver of 256 floats a row stays in L1 beside the streamed B. */
    static final int KC = 256;
    /** Width of a packed B panel: KC x 512 floats = 512 KiB, which fits in a 1 MiB L2. */
    static final int NC = 512;

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

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        int nv = n > 2 * L ? 4 : n > L ? 2 : 1;
        int mr = nv == 4 ? 6 : 12;
        int nr = nv * L;
        int nc = Math.min(roundUp(n, nr), Math.max(nr, NC / nr * nr));
        float[] bPack = WORKSPACE.get().bPack(KC * nc);
        int rowSlivers = (m + mr - 1) / mr;
        for (int jc = 0; jc < n; jc += nc) {
            int ncur = Math.min(nc, n - jc);
            int colSlivers = (ncur + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean add = accumulate || pc > 0;
                Panel panel = new Panel(transA, m, a, aOff, lda, pc, kc, mr, nr, nv, bPack, jc, ncur, colSlivers, c, cOff, ldc, add);
                packB(transB, b, bOff, ldb, pc, kc, jc, ncur, nr, colSlivers, bPack);
                if (rowSlivers >= 2 * Parallel.threads() || colSlivers == 1) {
                    Parallel.forRange(rowSlivers, r -> panel.rowSliver(r, 0, colSlivers));
                } else {
                    Parallel.forRange(colSlivers, s -> {
                        for (int r = 0; r < rowSlivers; r++) {
                            panel.rowSliver(r, s, s + 1);
                        }
                    });
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+ncur] as slivers of nr columns, p-major within a sliver, zero-padded. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int ncur, int nr,
            int colSlivers, float[] bPack) {
        for (int s = 0; s < colSlivers; s++) {
            int base = s * kc * nr;
            int col0 = jc + s * nr;
            int width = Math.min(nr, jc + ncur - col0);
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * nr;
                    System.arraycopy(b, bOff + (pc + p) * ldb + col0, bPack, dst, width);
                    if (width < nr) {
                        java.util.Arrays.fill(bPack, dst + width, dst + nr, 0f);
                    }
                }
            } else {
                if (width < nr) {
                    java.util.Arrays.fill(bPack, base, base + kc * nr, 0f);
                }
                for (int j = 0; j < width; j++) {
                    int src = bOff + (col0 + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        bPack[base + p * nr + j] = b[src + p];
                    }
                }
            }
        }
    }

    /** One KC-deep panel of the product: packs A slivers and runs the micro-kernel over B slivers. */
    private record Panel(boolean transA, int m, float[] a, int aOff, int lda, int pc, int kc, int mr, int nr, int nv,
            float[] bPack, int jc, int ncur, int colSlivers, float[] c, int cOff, int ldc, boolean add) {

        void rowSliver(int r, int firstSliver, int endSliver) {
            Workspace ws = WORKSPACE.get();
            if (ws.aPack.length < KC * mr) {
                ws.aPack = new float[KC * 12]; // large enough for every tile shape
            }
            if (ws.tile.length < mr * nr) {
                ws.tile = new float[24 * L];
            }
            float[] aPack = ws.aPack;
            int i0 = r * mr;
            int rows = Math.min(mr, m - i0);
            packA(aPack, i0, rows);
            for (int s = firstSliver; s < endSliver; s++) {
                int col0 = jc + s * nr;
                int cols = Math.min(nr, jc + ncur - col0);
                int bBase = s * kc * nr;
                if (rows == mr && cols == nr) {
                    kernel(aPack, bBase, c, cOff + i0 * ldc + col0, ldc, add);
                } else {
                    // Edge tile: compute the full tile into scratch, then merge only the valid part.
                    float[] tile = ws.tile;
                    kernel(aPack, bBase, tile, 0, nr, false);
                    for (int i = 0; i < rows; i++) {
                        int dst = cOff + (i0 + i) * ldc + col0;
                        for (int j = 0; j < cols; j++) {
                            c[dst + j] = add ? c[dst + j] + tile[i * nr + j] : tile[i * nr + j];
                        }
                    }
                }
            }
        }

        private void kernel(float[] aPack, int bBase, float[] out, int outOff, int ldOut, boolean addTo) {
            switch (nv) {
                case 4 -> kernel6x4(aPack, bPack, bBase, kc, out, outOff, ldOut, addTo);
                case 2 -> kernel12x2(aPack, bPack, bBase, kc, out, outOff, ldOut, addTo);
                default -> kernel12x1(aPack, bPack, bBase, kc, out, outOff, ldOut, addTo);
            }
        }

        /** Packs op(A)[i0:i0+rows, pc:pc+kc] as aPack[p * mr + i], zero-padded to mr rows. */
        private void packA(float[] aPack, int i0, int rows) {
            if (rows < mr) {
                java.util.Arrays.fill(aPack, 0, kc * mr, 0f);
            }
            if (!transA) {
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (i0 + i) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        aPack[p * mr + i] = a[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, aOff + (pc + p) * lda + i0, aPack, p * mr, rows);
                }
            }
        }
    }

    private static void store(FloatVector v, float[] c, int index, boolean add) {
        (add ? v.add(FloatVector.fromArray(S, c, index)) : v).intoArray(c, index);
    }

    /** 6 rows x 4 vectors of C: 24 accumulators, 4 loads of B and one broadcast of A per step of p. */
    private static void kernel6x4(float[] ap, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S), c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S), c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S), c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S), c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S), c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S), c5_3 = FloatVector.zero(S);
        for (int p = 0, a = 0, b = bOff; p < kc; p++, a += 6, b += 4 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2); c0_3 = x.fma(b3, c0_3);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2); c1_3 = x.fma(b3, c1_3);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2); c2_3 = x.fma(b3, c2_3);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2); c3_3 = x.fma(b3, c3_3);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1); c4_2 = x.fma(b2, c4_2); c4_3 = x.fma(b3, c4_3);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1); c5_2 = x.fma(b2, c5_2); c5_3 = x.fma(b3, c5_3);
        }
        store(c0_0, c, cOff, add); store(c0_1, c, cOff + L, add); store(c0_2, c, cOff + 2 * L, add); store(c0_3, c, cOff + 3 * L, add);
        store(c1_0, c, cOff + ldc, add); store(c1_1, c, cOff + ldc + L, add); store(c1_2, c, cOff + ldc + 2 * L, add); store(c1_3, c, cOff + ldc + 3 * L, add);
        store(c2_0, c, cOff + 2 * ldc, add); store(c2_1, c, cOff + 2 * ldc + L, add); store(c2_2, c, cOff + 2 * ldc + 2 * L, add); store(c2_3, c, cOff + 2 * ldc + 3 * L, add);
        store(c3_0, c, cOff + 3 * ldc, add); store(c3_1, c, cOff + 3 * ldc + L, add); store(c3_2, c, cOff + 3 * ldc + 2 * L, add); store(c3_3, c, cOff + 3 * ldc + 3 * L, add);
        store(c4_0, c, cOff + 4 * ldc, add); store(c4_1, c, cOff + 4 * ldc + L, add); store(c4_2, c, cOff + 4 * ldc + 2 * L, add); store(c4_3, c, cOff + 4 * ldc + 3 * L, add);
        store(c5_0, c, cOff + 5 * ldc, add); store(c5_1, c, cOff + 5 * ldc + L, add); store(c5_2, c, cOff + 5 * ldc + 2 * L, add); store(c5_3, c, cOff + 5 * ldc + 3 * L, add);
    }

    /** 12 rows x 2 vectors of C: 24 accumulators, 2 loads of B and one broadcast of A per step of p. */
    private static void kernel12x2(float[] ap, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean add) {
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
        for (int p = 0, a = 0, b = bOff; p < kc; p++, a += 12, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
            x = FloatVector.broadcast(S, ap[a + 8]);
            c8_0 = x.fma(b0, c8_0); c8_1 = x.fma(b1, c8_1);
            x = FloatVector.broadcast(S, ap[a + 9]);
            c9_0 = x.fma(b0, c9_0); c9_1 = x.fma(b1, c9_1);
            x = FloatVector.broadcast(S, ap[a + 10]);
            c10_0 = x.fma(b0, c10_0); c10_1 = x.fma(b1, c10_1);
            x = FloatVector.broadcast(S, ap[a + 11]);
            c11_0 = x.fma(b0, c11_0); c11_1 = x.fma(b1, c11_1);
        }
        store(c0_0, c, cOff, add); store(c0_1, c, cOff + L, add);
        store(c1_0, c, cOff + ldc, add); store(c1_1, c, cOff + ldc + L, add);
        store(c2_0, c, cOff + 2 * ldc, add); store(c2_1, c, cOff + 2 * ldc + L, add);
        store(c3_0, c, cOff + 3 * ldc, add); store(c3_1, c, cOff + 3 * ldc + L, add);
        store(c4_0, c, cOff + 4 * ldc, add); store(c4_1, c, cOff + 4 * ldc + L, add);
        store(c5_0, c, cOff + 5 * ldc, add); store(c5_1, c, cOff + 5 * ldc + L, add);
        store(c6_0, c, cOff + 6 * ldc, add); store(c6_1, c, cOff + 6 * ldc + L, add);
        store(c7_0, c, cOff + 7 * ldc, add); store(c7_1, c, cOff + 7 * ldc + L, add);
        store(c8_0, c, cOff + 8 * ldc, add); store(c8_1, c, cOff + 8 * ldc + L, add);
        store(c9_0, c, cOff + 9 * ldc, add); store(c9_1, c, cOff + 9 * ldc + L, add);
        store(c10_0, c, cOff + 10 * ldc, add); store(c10_1, c, cOff + 10 * ldc + L, add);
        store(c11_0, c, cOff + 11 * ldc, add); store(c11_1, c, cOff + 11 * ldc + L, add);
    }

    /** 12 rows x 1 vectors of C: 12 accumulators, 1 loads of B and one broadcast of A per step of p. */
    private static void kernel12x1(float[] ap, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean add) {
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
        for (int p = 0, a = 0, b = bOff; p < kc; p++, a += 12, b += 1 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c0_0 = x.fma(b0, c0_0);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c1_0 = x.fma(b0, c1_0);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c2_0 = x.fma(b0, c2_0);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c3_0 = x.fma(b0, c3_0);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c4_0 = x.fma(b0, c4_0);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c5_0 = x.fma(b0, c5_0);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c6_0 = x.fma(b0, c6_0);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c7_0 = x.fma(b0, c7_0);
            x = FloatVector.broadcast(S, ap[a + 8]);
            c8_0 = x.fma(b0, c8_0);
            x = FloatVector.broadcast(S, ap[a + 9]);
            c9_0 = x.fma(b0, c9_0);
            x = FloatVector.broadcast(S, ap[a + 10]);
            c10_0 = x.fma(b0, c10_0);
            x = FloatVector.broadcast(S, ap[a + 11]);
            c11_0 = x.fma(b0, c11_0);
        }
        store(c0_0, c, cOff, add);
        store(c1_0, c, cOff + ldc, add);
        store(c2_0, c, cOff + 2 * ldc, add);
        store(c3_0, c, cOff + 3 * ldc, add);
        store(c4_0, c, cOff + 4 * ldc, add);
        store(c5_0, c, cOff + 5 * ldc, add);
        store(c6_0, c, cOff + 6 * ldc, add);
        store(c7_0, c, cOff + 7 * ldc, add);
        store(c8_0, c, cOff + 8 * ldc, add);
        store(c9_0, c, cOff + 9 * ldc, add);
        store(c10_0, c, cOff + 10 * ldc, add);
        store(c11_0, c, cOff + 11 * ldc, add);
    }
}

# Sourced by the comparison scripts: OpenBLAS at its best on this CPU. OpenBLAS picks its kernels by
# CPU model, and a release older than the CPU falls back to AVX2 ("Haswell"): Debian's 0.3.21 does so
# on AMD Zen 4 and Zen 5, at half the speed of its AVX-512 kernels (99 against 192 GFLOP/s at 1024^3
# on a Zen 5). Some machines also set OPENBLAS_CORETYPE=Haswell or OPENBLAS_L2_SIZE in the
# environment. So on an AVX-512 CPU the AVX-512 kernels are used (BENCH_OPENBLAS_CORETYPE chooses
# others), and OpenBLAS reads the cache sizes itself. Needs $python_bin (a python with numpy).
inherited_openblas="${OPENBLAS_CORETYPE:+OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE }${OPENBLAS_L2_SIZE:+OPENBLAS_L2_SIZE=$OPENBLAS_L2_SIZE}"
unset OPENBLAS_L2_SIZE
if [ -n "${BENCH_OPENBLAS_CORETYPE:-}" ]; then
  export OPENBLAS_CORETYPE="$BENCH_OPENBLAS_CORETYPE"
elif grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SkylakeX
else
  unset OPENBLAS_CORETYPE
fi

# The kernels OpenBLAS runs, as it reports them, and what the environment had asked for.
openblas_core() {
  local core
  core="$(OPENBLAS_VERBOSE=2 OPENBLAS_NUM_THREADS=1 "$python_bin" -c \
    'import numpy as np; a = np.ones((8, 8), np.float32); a @ a' 2>&1 | sed -n 's/^Core: //p' | head -1)"
  echo "OpenBLAS ${core:-?} kernels${inherited_openblas:+ (the environment had $inherited_openblas)}"
}

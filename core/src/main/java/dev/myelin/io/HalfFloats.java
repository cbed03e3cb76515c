package dev.myelin.io;

/** Widening of the 16-bit float formats to float32. Both are exact: every 16-bit value is a float32. */
final class HalfFloats {
    private HalfFloats() {
    }

    /**
     * IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits) to float32, including subnormals,
     * infinities and NaN (the payload is kept in the high fraction bits).
     */
    static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /**
     * bfloat16 (1 sign, 8 exponent, 7 fraction bits) to float32. bfloat16 is the upper half of a
     * float32, so widening is a shift: subnormals, infinities and NaN payloads come out unchanged.
     */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}

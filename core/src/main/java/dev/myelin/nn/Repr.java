package dev.myelin.nn;

import java.math.BigDecimal;

/** Pieces of PyTorch's printed module form: Python's booleans, tuples and floats. */
final class Repr {
    private Repr() {
    }

    static String bool(boolean value) {
        return value ? "True" : "False";
    }

    static String pair(int a, int b) {
        return "(" + a + ", " + b + ")";
    }

    /** {@code a} when both are equal, as PyTorch prints a size given as one int; {@code (a, b)} otherwise. */
    static String size(int a, int b) {
        return a == b ? Integer.toString(a) : pair(a, b);
    }

    /** A double as Python's repr prints it: {@code 0.1}, {@code 0.0001}, {@code 1e-05}, {@code 1.0}. */
    static String number(double value) {
        String java = Double.toString(value); // shortest round-trip digits, as Python's repr
        double magnitude = Math.abs(value);
        if (magnitude == 0 || magnitude >= 1e-4 && magnitude < 1e16) {
            if (!java.contains("E")) {
                return java;
            }
            String plain = new BigDecimal(java).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e).replaceAll("\\.0$", "");
        int exponent = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}

package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.platform.Fp16Conversions;
import org.junit.jupiter.api.Test;

class Fp16Test {
    /** The value of a half, by the definition: (-1)^s * 2^(e - 15) * 1.m, or 2^-14 * 0.m when e = 0. */
    static float reference(int h) {
        boolean negative = (h & 0x8000) != 0;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (e == 0x1F) {
            return m == 0 ? (negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY) : Float.NaN;
        }
        double v = e == 0 ? m * Math.pow(2, -24) : (1 + m / 1024.0) * Math.pow(2, e - 15);
        return (float) (negative ? -v : v);
    }

    @Test
    void everyHalfWidensToItsValue() {
        for (int h = 0; h < 65536; h++) {
            int bits = Fp16.toFloatBits(h);
            float expected = reference(h);
            if (Float.isNaN(expected)) {
                // A NaN stays NaN with its sign and its payload in the top mantissa bits (quiet stays quiet).
                assertTrue(Float.isNaN(Float.intBitsToFloat(bits)), "half " + Integer.toHexString(h));
                assertEquals((h & 0x8000) << 16 | 0x7F800000 | (h & 0x3FF) << 13, bits, Integer.toHexString(h));
            } else {
                assertEquals(Float.floatToRawIntBits(expected), bits, "half " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void agreesWithOnnxRuntimeJava() {
        for (int h = 0; h < 65536; h++) {
            float ort = Fp16Conversions.fp16ToFloat((short) h);
            float mine = Fp16.toFloat(h);
            if (Float.isNaN(ort)) {
                assertTrue(Float.isNaN(mine), Integer.toHexString(h));
            } else {
                assertEquals(Float.floatToRawIntBits(ort), Float.floatToRawIntBits(mine), Integer.toHexString(h));
            }
        }
    }

    @Test
    void knownValues() {
        assertEquals(1f, Fp16.toFloat(0x3C00));
        assertEquals(-2f, Fp16.toFloat(0xC000));
        assertEquals(65504f, Fp16.toFloat(0x7BFF));
        assertEquals(0x1p-14f, Fp16.toFloat(0x0400));
        assertEquals(0x1p-24f, Fp16.toFloat(0x0001));
        assertEquals(0x3FFp-24f, Fp16.toFloat(0x03FF));
        assertEquals(0x80000000, Fp16.toFloatBits(0x8000));
        assertEquals(Float.POSITIVE_INFINITY, Fp16.toFloat(0x7C00));
        assertEquals(Float.NEGATIVE_INFINITY, Fp16.toFloat(0xFC00));
        assertEquals(0x7FC00000, Fp16.toFloatBits(0x7E00));
        // Only the low 16 bits count.
        assertEquals(1f, Fp16.toFloat(0xFFFF3C00));
    }

    @Test
    void tableMatchesTheArithmetic() {
        int[] t = Fp16.table();
        for (int h = 0; h < 65536; h++) {
            assertEquals(Fp16.toFloatBits(h), t[h]);
        }
    }

    @Test
    void widensLittleEndianArrays() {
        byte[] src = new byte[2 + 2 * 65536];
        for (int h = 0; h < 65536; h++) {
            src[2 + 2 * h] = (byte) h;
            src[3 + 2 * h] = (byte) (h >>> 8);
        }
        byte[] dst = new byte[3 + 4 * 65536 + 1];
        Fp16.widenLittleEndian(src, 2, dst, 3, 65536);
        assertEquals(0, dst[0] | dst[1] | dst[2] | dst[dst.length - 1]);
        for (int h = 0; h < 65536; h++) {
            int d = 3 + 4 * h;
            int bits = (dst[d] & 0xFF) | (dst[d + 1] & 0xFF) << 8 | (dst[d + 2] & 0xFF) << 16 | (dst[d + 3] & 0xFF) << 24;
            assertEquals(Fp16.toFloatBits(h), bits);
        }
    }
}

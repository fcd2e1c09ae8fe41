package app.cutout.core.onnx;

/**
 * IEEE 754 half precision (binary16) to single precision (binary32), exactly: every half value, subnormals, both zeros,
 * both infinities and NaNs with their sign and payload (a quiet NaN stays quiet, a signalling one keeps its payload
 * shifted into the top mantissa bits), is widened to the float of the same value.
 */
public final class Fp16 {
    /** {@code TABLE[h]}: the float bits of half {@code h}, built on first use (256 KiB). */
    private static int[] table;

    private Fp16() {
    }

    /** The bits of the float equal to the half whose bits are the low 16 of {@code half}. */
    public static int toFloatBits(int half) {
        int sign = (half & 0x8000) << 16;
        int exp = (half >>> 10) & 0x1F;
        int mant = half & 0x3FF;
        if (exp == 0x1F) {
            return sign | 0x7F800000 | (mant << 13);
        }
        if (exp != 0) {
            // Rebias 15 -> 127.
            return sign | ((exp + 112) << 23) | (mant << 13);
        }
        if (mant == 0) {
            return sign;
        }
        // Subnormal: mant * 2^-24 with the top set bit at p (0..9) is 1.f * 2^(p - 24), a normal float.
        int p = 31 - Integer.numberOfLeadingZeros(mant);
        return sign | ((p + 103) << 23) | ((mant << (23 - p)) & 0x7FFFFF);
    }

    public static float toFloat(int half) {
        return Float.intBitsToFloat(toFloatBits(half));
    }

    /** All 65536 conversions, {@code table()[h] == toFloatBits(h)}; shared, do not modify. */
    public static int[] table() {
        int[] t = table;
        if (t == null) {
            t = new int[65536];
            for (int h = 0; h < 65536; h++) {
                t[h] = toFloatBits(h);
            }
            table = t;
        }
        return t;
    }

    /**
     * Widens {@code count} little-endian halves at {@code src[srcPos ..]} to little-endian floats at
     * {@code dst[dstPos ..]} ({@code 4 * count} bytes). The ranges must not overlap.
     */
    public static void widenLittleEndian(byte[] src, int srcPos, byte[] dst, int dstPos, int count) {
        int[] t = table();
        int s = srcPos;
        int d = dstPos;
        for (int i = 0; i < count; i++, s += 2, d += 4) {
            int f = t[(src[s] & 0xFF) | (src[s + 1] & 0xFF) << 8];
            dst[d] = (byte) f;
            dst[d + 1] = (byte) (f >> 8);
            dst[d + 2] = (byte) (f >> 16);
            dst[d + 3] = (byte) (f >> 24);
        }
    }
}

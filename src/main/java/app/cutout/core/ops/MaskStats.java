package app.cutout.core.ops;

/** Measures for comparing masks, as tests and benchmarks do. */
public final class MaskStats {
    private MaskStats() {
    }

    /**
     * Intersection over union of the foregrounds of two masks; no argument is modified.
     *
     * @param a unsigned 8-bit mask values
     * @param b unsigned 8-bit mask values, as many as {@code a}
     * @param threshold a pixel is foreground when its unsigned value is at least this
     * @return the ratio in [0, 1]; 1 when both foregrounds are empty, since the masks then agree
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double iou(byte[] a, byte[] b, int threshold) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Expected masks of equal size, got " + a.length + " and " + b.length);
        }
        long intersection = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            boolean inA = (a[i] & 0xFF) >= threshold;
            boolean inB = (b[i] & 0xFF) >= threshold;
            if (inA && inB) {
                intersection++;
            }
            if (inA || inB) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) intersection / union;
    }

    /**
     * Returns the alpha byte of each packed pixel, {@code pixel >>> 24}; {@code rgba} is not modified.
     *
     * @param rgba pixels packed as {@code (a << 24) | (b << 16) | (g << 8) | r}
     */
    public static byte[] alphaOf(int[] rgba) {
        byte[] alpha = new byte[rgba.length];
        for (int i = 0; i < rgba.length; i++) {
            alpha[i] = (byte) (rgba[i] >>> 24);
        }
        return alpha;
    }
}

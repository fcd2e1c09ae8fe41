package app.cutout.core.ops;

/**
 * Chessboard (8-connected, {@code max(|dx|, |dy|)}) distance transforms on a grid: two raster passes, no other
 * memory. Where the exact Euclidean distance or the nearest pixel itself is wanted (outlines, the stroke rule),
 * {@code core.edit.DistanceTransform} gives both; the refinement's depth tests and the haze maps count in chessboard
 * steps.
 */
public final class Chessboard {
    private Chessboard() {
    }

    /**
     * In place: each value becomes its chessboard (8-connected) distance to the nearest 0, capped at its start value:
     * two raster passes. Start with 0 on the set to measure from and {@code w + h} or more elsewhere.
     */
    public static void distances(int[] d, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int v = d[i];
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 1);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 1);
                    if (x > 0) {
                        v = Math.min(v, d[i - w - 1] + 1);
                    }
                    if (x < w - 1) {
                        v = Math.min(v, d[i - w + 1] + 1);
                    }
                }
                d[i] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1, i = y * w + x; x >= 0; x--, i--) {
                int v = d[i];
                if (x < w - 1) {
                    v = Math.min(v, d[i + 1] + 1);
                }
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 1);
                    if (x < w - 1) {
                        v = Math.min(v, d[i + w + 1] + 1);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + w - 1] + 1);
                    }
                }
                d[i] = v;
            }
        }
    }
}

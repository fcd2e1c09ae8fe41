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
        // The first and last column of each row apart, so that the inner loops test no border.
        for (int i = 1; i < w; i++) {
            d[i] = Math.min(d[i], d[i - 1] + 1);
        }
        for (int y = 1; y < h; y++) {
            int row = y * w;
            int v = Math.min(d[row], d[row - w] + 1);
            if (w > 1) {
                d[row] = Math.min(v, d[row - w + 1] + 1);
                for (int i = row + 1, end = row + w - 1; i < end; i++) {
                    int up = Math.min(d[i - w], Math.min(d[i - w - 1], d[i - w + 1]));
                    d[i] = Math.min(d[i], Math.min(d[i - 1], up) + 1);
                }
                int i = row + w - 1;
                d[i] = Math.min(d[i], Math.min(d[i - 1], Math.min(d[i - w], d[i - w - 1])) + 1);
            } else {
                d[row] = v;
            }
        }
        int lastRow = (h - 1) * w;
        for (int i = lastRow + w - 2; i >= lastRow; i--) {
            d[i] = Math.min(d[i], d[i + 1] + 1);
        }
        for (int y = h - 2; y >= 0; y--) {
            int row = y * w;
            int i = row + w - 1;
            int v = Math.min(d[i], d[i + w] + 1);
            if (w > 1) {
                d[i] = Math.min(v, d[i + w - 1] + 1);
                for (i = row + w - 2; i > row; i--) {
                    int down = Math.min(d[i + w], Math.min(d[i + w + 1], d[i + w - 1]));
                    d[i] = Math.min(d[i], Math.min(d[i + 1], down) + 1);
                }
                d[row] = Math.min(d[row], Math.min(d[row + 1], Math.min(d[row + w], d[row + w + 1])) + 1);
            } else {
                d[i] = v;
            }
        }
    }
}

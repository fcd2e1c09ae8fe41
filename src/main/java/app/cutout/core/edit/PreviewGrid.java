package app.cutout.core.edit;

import java.util.Arrays;

/**
 * A screen-sized copy of a photo for previews of slow edits (Keep/Remove strokes re-solve the alpha): the photo
 * shrunk to at most {@code maxPixels} with its aspect ratio, each copy pixel the plain average of the block of photo
 * pixels it covers (block edges at whole photo pixels), and the way back from a rectangle of the copy to the photo.
 */
public final class PreviewGrid {
    /** The photo's size. */
    public final int width;
    public final int height;
    /** The copy's size: at most the photo's, and at most {@code maxPixels} pixels. */
    public final int previewWidth;
    public final int previewHeight;
    /** Copy pixels per photo pixel along x ({@code previewWidth / width}); the strokes are scaled by it. */
    public final float factor;
    /** Per copy column (row), the first photo column (row) of its block; one more entry for the end. */
    private final int[] xEdges;
    private final int[] yEdges;

    private PreviewGrid(int width, int height, int previewWidth, int previewHeight) {
        this.width = width;
        this.height = height;
        this.previewWidth = previewWidth;
        this.previewHeight = previewHeight;
        this.factor = previewWidth / (float) width;
        this.xEdges = edges(width, previewWidth);
        this.yEdges = edges(height, previewHeight);
    }

    /**
     * @param maxPixels the most pixels the copy may have; a photo within it is used as it is
     * @throws IllegalArgumentException if a size or {@code maxPixels} is not positive
     */
    public static PreviewGrid of(int width, int height, long maxPixels) {
        if (width <= 0 || height <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("Expected positive sizes, got " + width + "x" + height + " and "
                    + maxPixels + " pixels");
        }
        double f = Math.min(1, Math.sqrt(maxPixels / ((double) width * height)));
        int pw = (int) Math.max(1, Math.min(width, Math.floor(width * f)));
        int ph = (int) Math.max(1, Math.min(height, Math.floor(height * f)));
        return new PreviewGrid(width, height, pw, ph);
    }

    private static int[] edges(int full, int small) {
        int[] e = new int[small + 1];
        for (int i = 0; i <= small; i++) {
            e[i] = (int) ((long) i * full / small);
        }
        return e;
    }

    /** Whether the copy is the photo itself (nothing to shrink). */
    public boolean identity() {
        return previewWidth == width && previewHeight == height;
    }

    /** The copy of a {@code width x height} alpha (or any one-byte channel); the input is not modified. */
    public byte[] shrink(byte[] alpha) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (identity()) {
            return alpha.clone();
        }
        byte[] out = new byte[previewWidth * previewHeight];
        shrink(alpha, out, new Rect(0, 0, previewWidth, previewHeight));
        return out;
    }

    /**
     * Brings {@code copy} (a {@link #shrink} of an earlier {@code alpha}) up to date after {@code alpha} changed
     * inside {@code changed} (photo pixels): only the copy's pixels whose blocks meet it are computed again.
     *
     * @throws IllegalArgumentException if a length is wrong or {@code changed} is not inside the photo
     */
    public void update(byte[] alpha, byte[] copy, Rect changed) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        Rect.checkLength("copy bytes", copy.length, previewWidth, previewHeight);
        Rect.checkInside("changed rectangle", changed, width, height);
        shrink(alpha, copy, Rect.fromEdges(block(xEdges, changed.x), block(yEdges, changed.y),
                block(xEdges, changed.right() - 1) + 1, block(yEdges, changed.bottom() - 1) + 1));
    }

    /** The copy's column (row) whose block holds photo column (row) {@code v}. */
    private static int block(int[] edges, int v) {
        int lo = 0;
        int hi = edges.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (edges[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Computes the copy's pixels in {@code r} (copy pixels) from {@code alpha}. */
    private void shrink(byte[] alpha, byte[] out, Rect r) {
        if (identity()) {
            for (int y = r.y; y < r.bottom(); y++) {
                System.arraycopy(alpha, y * width + r.x, out, y * width + r.x, r.width);
            }
            return;
        }
        int[] sum = new int[r.width];
        for (int py = r.y; py < r.bottom(); py++) {
            Arrays.fill(sum, 0);
            for (int y = yEdges[py]; y < yEdges[py + 1]; y++) {
                int row = y * width;
                for (int px = r.x; px < r.right(); px++) {
                    int s = 0;
                    for (int x = xEdges[px]; x < xEdges[px + 1]; x++) {
                        s += alpha[row + x] & 0xFF;
                    }
                    sum[px - r.x] += s;
                }
            }
            int rows = yEdges[py + 1] - yEdges[py];
            for (int px = r.x; px < r.right(); px++) {
                int n = rows * (xEdges[px + 1] - xEdges[px]);
                out[py * previewWidth + px] = (byte) ((sum[px - r.x] + n / 2) / n);
            }
        }
    }

    /** The copy of {@code width x height} packed RGBA ({@code 0xAABBGGRR}, as in {@code RgbaImage}), per channel. */
    public int[] shrink(int[] rgba) {
        Rect.checkLength("pixels", rgba.length, width, height);
        if (identity()) {
            return rgba.clone();
        }
        int[] out = new int[previewWidth * previewHeight];
        int[] sums = new int[previewWidth * 4];
        for (int py = 0; py < previewHeight; py++) {
            Arrays.fill(sums, 0);
            for (int y = yEdges[py]; y < yEdges[py + 1]; y++) {
                int row = y * width;
                for (int px = 0; px < previewWidth; px++) {
                    int c0 = 0;
                    int c1 = 0;
                    int c2 = 0;
                    int c3 = 0;
                    for (int x = xEdges[px]; x < xEdges[px + 1]; x++) {
                        int p = rgba[row + x];
                        c0 += p & 0xFF;
                        c1 += (p >>> 8) & 0xFF;
                        c2 += (p >>> 16) & 0xFF;
                        c3 += p >>> 24;
                    }
                    int k = px * 4;
                    sums[k] += c0;
                    sums[k + 1] += c1;
                    sums[k + 2] += c2;
                    sums[k + 3] += c3;
                }
            }
            int rows = yEdges[py + 1] - yEdges[py];
            for (int px = 0; px < previewWidth; px++) {
                int n = rows * (xEdges[px + 1] - xEdges[px]);
                int k = px * 4;
                out[py * previewWidth + px] = (sums[k] + n / 2) / n | ((sums[k + 1] + n / 2) / n) << 8
                        | ((sums[k + 2] + n / 2) / n) << 16 | ((sums[k + 3] + n / 2) / n) << 24;
            }
        }
        return out;
    }

    /** The photo pixels a rectangle of the copy covers: the union of its pixels' blocks. */
    public Rect toPhoto(Rect preview) {
        Rect.checkInside("preview rectangle", preview, previewWidth, previewHeight);
        return Rect.fromEdges(xEdges[preview.x], yEdges[preview.y], xEdges[preview.right()],
                yEdges[preview.bottom()]);
    }
}

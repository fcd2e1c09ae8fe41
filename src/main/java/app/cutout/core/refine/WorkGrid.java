package app.cutout.core.refine;

import app.cutout.core.ops.Bilinear;

/**
 * The working grid: the photo split into {@code gw x gh} rectangular bins of whole pixels (the longer side about
 * {@link RefineOptions#workingSize} bins), plus per-bin flags and the area means of colour and alpha over a bounding
 * box of the bins that matter.
 *
 * <p>Bin {@code j} holds photo columns {@code [colStart[j], colStart[j + 1])} with
 * {@code colStart[j] = ceil(j * width / gw)}; the same for rows. Its centre is at photo coordinate
 * {@code (j + 0.5) * width / gw - 0.5} to within half a pixel, so grid values are upsampled with the same
 * {@code align_corners=False} bilinear taps as the mask.
 *
 * <p>Planes cover only the box {@code [bx0, bx0 + bw) x [by0, by0 + bh)} of grid coordinates ("local" indices are
 * relative to it); memory is a few floats per bin, independent of the photo's size.
 */
final class WorkGrid {
    /** Bin may hold a pixel with 0 < alpha < 255. */
    static final int SOFT = 1;
    /** Bin may hold a pixel in the refined band. */
    static final int BAND = 2;
    /** Colour and alpha means are computed for the bin. */
    static final int GUIDE = 4;
    /** Guided filter coefficients are needed at the bin. */
    static final int COEF = 8;
    /** Bin takes part in the coarse foreground solve. */
    static final int DOMAIN = 16;
    /** Bin lies inside a wide unsure region (see {@link EdgeRefiner}'s region step). */
    static final int REGION = 32;
    /** Region coefficients are needed at the bin. */
    static final int REGION_COEF = 64;
    /** Bin's pixels can take a region correction (the region's bins and their neighbours). */
    static final int REGION_APPLY = 128;

    final int width;
    final int height;
    final int gw;
    final int gh;
    final int[] colStart;
    final int[] rowStart;

    int bx0;
    int by0;
    int bw;
    int bh;
    /** Local flags, {@code bw * bh}. */
    byte[] flags;
    /** Local mean colour, 0..1, interleaved R, G, B; valid where {@link #GUIDE} is set, 0 elsewhere. */
    float[] rgb;
    /** Local mean alpha, 0..1; valid where {@link #GUIDE} is set, 0 elsewhere. */
    float[] alpha;

    WorkGrid(int width, int height, int workingSize) {
        this.width = width;
        this.height = height;
        int longer = Math.max(width, height);
        if (longer <= workingSize) {
            gw = width;
            gh = height;
        } else {
            double s = (double) longer / workingSize;
            gw = clamp((int) Math.round(width / s), 1, width);
            gh = clamp((int) Math.round(height / s), 1, height);
        }
        colStart = starts(width, gw);
        rowStart = starts(height, gh);
    }

    private static int[] starts(int len, int bins) {
        int[] s = new int[bins + 1];
        for (int j = 0; j <= bins; j++) {
            s[j] = (int) (((long) j * len + bins - 1) / bins);
        }
        return s;
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Pixels in local bin {@code (i, j)}. */
    int count(int i, int j) {
        int gi = by0 + i;
        int gj = bx0 + j;
        return (rowStart[gi + 1] - rowStart[gi]) * (colStart[gj + 1] - colStart[gj]);
    }

    /**
     * Sets the box to the bounding box of the set bits {@code bit} of the full-grid flags {@code full}, grown by
     * {@code margin} and clipped, and copies those flags in.
     *
     * @return false, leaving the grid untouched, when no bin has {@code bit}
     */
    boolean crop(byte[] full, int bit, int margin) {
        int[] b = bounds(full, gw, gh, bit);
        if (b == null) {
            return false;
        }
        bx0 = Math.max(0, b[0] - margin);
        by0 = Math.max(0, b[1] - margin);
        bw = Math.min(gw, b[2] + margin + 1) - bx0;
        bh = Math.min(gh, b[3] + margin + 1) - by0;
        flags = new byte[bw * bh];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(full, (by0 + y) * gw + bx0, flags, y * bw, bw);
        }
        return true;
    }

    /**
     * The bounding box {@code {minX, minY, maxX, maxY}} (inclusive) of the bins of the {@code w x h} flags {@code f}
     * that have {@code bit}; null when none has.
     */
    static int[] bounds(byte[] f, int w, int h, int bit) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0, o = 0; y < h; y++) {
            for (int x = 0; x < w; x++, o++) {
                if ((f[o] & bit) != 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    /**
     * Sets bit {@code dst} on every local bin within Chebyshev distance {@code radius} of a bin with bit {@code src}.
     */
    void dilate(int src, int dst, int radius) {
        dilate(flags, bw, bh, src, dst, radius);
    }

    static void dilate(byte[] f, int w, int h, int src, int dst, int radius) {
        // Horizontal pass into a scratch mask, then a vertical running count down the columns. A row without a src
        // bit adds nothing to either, so both skip it: the bits are mostly a band along the edge.
        byte[] horizontal = new byte[w * h];
        boolean[] has = new boolean[h];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            int first = 0;
            while (first < w && (f[o + first] & src) == 0) {
                first++;
            }
            if (first == w) {
                continue;
            }
            has[y] = true;
            int last = -radius - 2;
            // Distance to the nearest src bit at or left of x, then a right-to-left sweep for the other side.
            for (int x = 0; x < w; x++) {
                if ((f[o + x] & src) != 0) {
                    last = x;
                }
                if (x - last <= radius) {
                    horizontal[o + x] = 1;
                }
            }
            last = w + radius + 1;
            for (int x = w - 1; x >= 0; x--) {
                if ((f[o + x] & src) != 0) {
                    last = x;
                }
                if (last - x <= radius) {
                    horizontal[o + x] = 1;
                }
            }
        }
        int[] count = new int[w];
        // How many rows of the current window have a src bit: none, and every count is 0.
        int rows = 0;
        for (int y = 0; y <= Math.min(radius, h - 1); y++) {
            if (has[y]) {
                rows++;
                for (int x = 0, o = y * w; x < w; x++, o++) {
                    count[x] += horizontal[o];
                }
            }
        }
        byte set = (byte) dst;
        for (int y = 0; y < h; y++) {
            if (y > 0) {
                int ya = y + radius;
                if (ya < h && has[ya]) {
                    rows++;
                    for (int x = 0, o = ya * w; x < w; x++, o++) {
                        count[x] += horizontal[o];
                    }
                }
                int ys = y - radius - 1;
                if (ys >= 0 && has[ys]) {
                    rows--;
                    for (int x = 0, o = ys * w; x < w; x++, o++) {
                        count[x] -= horizontal[o];
                    }
                }
            }
            if (rows == 0) {
                continue;
            }
            for (int x = 0, o = y * w; x < w; x++, o++) {
                if (count[x] != 0) {
                    f[o] |= set;
                }
            }
        }
    }

    /**
     * Runs of consecutive local bins with {@code bit}, row by row: row {@code i}'s runs are
     * {@code [runs[2k], runs[2k + 1])} for {@code k} in {@code [rowPtr[i], rowPtr[i + 1])}.
     */
    static final class Runs {
        final int[] rowPtr;
        final int[] runs;

        Runs(int[] rowPtr, int[] runs) {
            this.rowPtr = rowPtr;
            this.runs = runs;
        }
    }

    Runs runs(int bit) {
        int[] rowPtr = new int[bh + 1];
        int n = 0;
        for (int i = 0; i < bh; i++) {
            boolean in = false;
            for (int j = 0, o = i * bw; j < bw; j++, o++) {
                boolean b = (flags[o] & bit) != 0;
                if (b && !in) {
                    n++;
                }
                in = b;
            }
        }
        int[] runs = new int[2 * n];
        n = 0;
        for (int i = 0; i < bh; i++) {
            rowPtr[i] = n;
            int start = -1;
            for (int j = 0, o = i * bw; j <= bw; j++, o++) {
                boolean b = j < bw && (flags[o] & bit) != 0;
                if (b && start < 0) {
                    start = j;
                } else if (!b && start >= 0) {
                    runs[2 * n] = start;
                    runs[2 * n + 1] = j;
                    n++;
                    start = -1;
                }
            }
        }
        rowPtr[bh] = n;
        return new Runs(rowPtr, runs);
    }

    /**
     * Bilinear taps from photo coordinates onto local grid indices along one axis: {@code lo}, {@code hi} and the
     * weight of {@code hi}, for photo indices {@code [from, to)}, clamped to the box.
     */
    static final class Taps {
        final int from;
        final int[] lo;
        final int[] hi;
        final float[] frac;

        Taps(int photoLen, int gridLen, int boxStart, int boxLen, int from, int to) {
            this.from = from;
            int n = to - from;
            lo = new int[n];
            hi = new int[n];
            frac = new float[n];
            double scale = (double) gridLen / photoLen;
            for (int k = 0; k < n; k++) {
                double g = Bilinear.source(scale, from + k, gridLen) - boxStart;
                if (g < 0.0) {
                    g = 0.0;
                } else if (g > boxLen - 1) {
                    g = boxLen - 1;
                }
                int i = (int) g;
                lo[k] = i;
                hi[k] = Math.min(i + 1, boxLen - 1);
                frac[k] = (float) (g - i);
            }
        }
    }

    /** Taps for photo columns {@code [colStart[bx0], colStart[bx0 + bw])}. */
    Taps columnTaps() {
        return new Taps(width, gw, bx0, bw, colStart[bx0], colStart[bx0 + bw]);
    }

    /** Taps for photo rows {@code [rowStart[by0], rowStart[by0 + bh])}. */
    Taps rowTaps() {
        return new Taps(height, gh, by0, bh, rowStart[by0], rowStart[by0 + bh]);
    }

    /**
     * Allocates the colour and alpha planes and fills the {@link #GUIDE} bins with the means of {@code pixels} over
     * them (alpha from the top byte). One pass over the photo rows of the box, touching only {@code GUIDE} bins.
     */
    void accumulate(int[] pixels) {
        rgb = new float[3 * bw * bh];
        alpha = new float[bw * bh];
        Runs guide = runs(GUIDE);
        int[] acc = new int[4 * bw];
        for (int i = 0; i < bh; i++) {
            int r0 = guide.rowPtr[i];
            int r1 = guide.rowPtr[i + 1];
            if (r0 == r1) {
                continue;
            }
            int gi = by0 + i;
            for (int y = rowStart[gi]; y < rowStart[gi + 1]; y++) {
                accumulateRow(pixels, y * width, guide.runs, r0, r1, acc);
            }
            flush(i, guide.runs, r0, r1, acc);
        }
    }

    /** Adds photo row at {@code rowOffset} over the runs {@code [r0, r1)} of local row into {@code acc}. */
    void accumulateRow(int[] pixels, int rowOffset, int[] runs, int r0, int r1, int[] acc) {
        for (int k = r0; k < r1; k++) {
            for (int j = runs[2 * k], end = runs[2 * k + 1]; j < end; j++) {
                int sr = 0;
                int sg = 0;
                int sb = 0;
                int sa = 0;
                int x1 = rowOffset + colStart[bx0 + j + 1];
                for (int o = rowOffset + colStart[bx0 + j]; o < x1; o++) {
                    int p = pixels[o];
                    sr += p & 0xFF;
                    sg += (p >>> 8) & 0xFF;
                    sb += (p >>> 16) & 0xFF;
                    sa += p >>> 24;
                }
                int a = 4 * j;
                acc[a] += sr;
                acc[a + 1] += sg;
                acc[a + 2] += sb;
                acc[a + 3] += sa;
            }
        }
    }

    /** Turns the sums of local row {@code i} into means and clears them. */
    void flush(int i, int[] runs, int r0, int r1, int[] acc) {
        for (int k = r0; k < r1; k++) {
            for (int j = runs[2 * k], end = runs[2 * k + 1]; j < end; j++) {
                float inv = 1f / (255f * count(i, j));
                int a = 4 * j;
                int o = i * bw + j;
                rgb[3 * o] = acc[a] * inv;
                rgb[3 * o + 1] = acc[a + 1] * inv;
                rgb[3 * o + 2] = acc[a + 2] * inv;
                alpha[o] = acc[a + 3] * inv;
                acc[a] = 0;
                acc[a + 1] = 0;
                acc[a + 2] = 0;
                acc[a + 3] = 0;
            }
        }
    }
}

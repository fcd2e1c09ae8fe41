package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * An approximate Gaussian blur of packed RGB pixels: three box passes per axis with sliding-window sums and edges
 * clamped (the edge pixel repeats). Alpha is not blurred: every written pixel gets alpha 255. Works in place with
 * {@code O(width * (radius + 1))} scratch memory. Boxes are at most 257 pixels wide (radius 128).
 */
final class BoxBlur {
    private BoxBlur() {
    }

    /**
     * Radii of three boxes whose sum of variances is closest to {@code sigma^2} (box of width {@code w} has variance
     * {@code (w^2 - 1) / 12}); the widths are consecutive odd numbers, following the usual "boxes for Gauss"
     * recipe.
     */
    static int[] radii(double sigma) {
        int n = 3;
        double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
        int wl = (int) Math.floor(ideal);
        if (wl % 2 == 0) {
            wl--;
        }
        if (wl < 1) {
            wl = 1;
        }
        int wu = wl + 2;
        double mIdeal = (12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4.0 * wl - 4);
        long m = Math.round(mIdeal);
        int[] radii = new int[n];
        for (int i = 0; i < n; i++) {
            radii[i] = ((i < m ? wl : wu) - 1) / 2;
        }
        return radii;
    }

    /** Blurs every row of {@code px} with a box of {@code 2r + 1} pixels; {@code px} is modified. */
    static void horizontal(int[] px, int width, int height, int r) {
        if (r <= 0) {
            return;
        }
        int[] line = new int[width];
        int n = 2 * r + 1;
        int half = n / 2;
        long inv = reciprocal(n);
        int last = width - 1;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(px, base, line, 0, width);
            // Red and blue sums share an int, 16 bits each (at most 255 * n < 65536).
            int srb = 0;
            int sg = 0;
            for (int k = -r; k <= r; k++) {
                int p = line[k < 0 ? 0 : k > last ? last : k];
                srb += p & 0xFF00FF;
                sg += (p >>> 8) & 0xFF;
            }
            for (int x = 0; x < width; x++) {
                px[base + x] = 0xFF000000 | div((srb >>> 16) + half, inv) << 16 | div(sg + half, inv) << 8
                        | div((srb & 0xFFFF) + half, inv);
                int add = x + r + 1;
                int sub = x - r;
                int pa = line[add > last ? last : add];
                int ps = line[sub < 0 ? 0 : sub];
                srb += (pa & 0xFF00FF) - (ps & 0xFF00FF);
                sg += ((pa >>> 8) & 0xFF) - ((ps >>> 8) & 0xFF);
            }
        }
    }

    /**
     * Blurs every column of {@code px} with a box of {@code 2r + 1} pixels, row by row with per-column sums; a ring
     * of the last {@code r + 1} original rows stands in for rows already overwritten. {@code px} is modified.
     */
    static void vertical(int[] px, int width, int height, int r) {
        if (r <= 0) {
            return;
        }
        int n = 2 * r + 1;
        int half = n / 2;
        long inv = reciprocal(n);
        int last = height - 1;
        int ringRows = r + 1;
        int[] ring = new int[ringRows * width];
        int[] srb = new int[width];
        int[] sg = new int[width];
        for (int k = -r; k <= r; k++) {
            int base = (k < 0 ? 0 : k > last ? last : k) * width;
            for (int x = 0; x < width; x++) {
                int p = px[base + x];
                srb[x] += p & 0xFF00FF;
                sg[x] += (p >>> 8) & 0xFF;
            }
        }
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(px, base, ring, (y % ringRows) * width, width);
            for (int x = 0; x < width; x++) {
                int rb = srb[x];
                px[base + x] = 0xFF000000 | div((rb >>> 16) + half, inv) << 16 | div(sg[x] + half, inv) << 8
                        | div((rb & 0xFFFF) + half, inv);
            }
            if (y == last) {
                break;
            }
            // Slide to y + 1: add original row min(y + r + 1, last), not yet overwritten; drop original row
            // max(y - r, 0), which the ring still holds since it keeps rows y - r .. y.
            int add = Math.min(y + r + 1, last) * width;
            int sub = (Math.max(y - r, 0) % ringRows) * width;
            for (int x = 0; x < width; x++) {
                int pa = px[add + x];
                int ps = ring[sub + x];
                srb[x] += (pa & 0xFF00FF) - (ps & 0xFF00FF);
                sg[x] += ((pa >>> 8) & 0xFF) - ((ps >>> 8) & 0xFF);
            }
        }
    }

    /**
     * {@code m = ceil(2^32 / n)}, so that {@code (x * m) >>> 32 == x / n} for {@code 0 <= x < 2^32 / n}: with
     * {@code m * n = 2^32 + e}, {@code 0 <= e < n}, the product overshoots {@code x / n} by {@code x * e / (n *
     * 2^32) < 1 / n}, too little to reach the next integer. Rounded window sums stay below {@code 256 * n}, so this
     * holds for {@code n < 4096}; the 16-bit lanes of the passes need {@code n <= 257}.
     */
    static long reciprocal(int n) {
        if (n > 257) {
            throw new IllegalArgumentException("Expected a box of at most 257 pixels, got " + n);
        }
        return ((1L << 32) + n - 1) / n;
    }

    private static int div(int x, long reciprocal) {
        return (int) ((x * reciprocal) >>> 32);
    }

    /**
     * Averages {@code factor x factor} blocks of {@code frame} in {@code image} (the blocks of the last column and
     * row may be smaller) into a new opaque image of {@code ceil(frame.width / factor) x ceil(frame.height /
     * factor)}; with factor 1 it copies the frame. Alpha is ignored.
     */
    static int[] downscale(RgbaImage image, Rect frame, int factor) {
        int sw = (frame.width + factor - 1) / factor;
        int sh = (frame.height + factor - 1) / factor;
        int[] out = new int[sw * sh];
        int[] src = image.pixels;
        if (factor == 1) {
            for (int y = 0; y < sh; y++) {
                int s = (frame.y + y) * image.width + frame.x;
                for (int x = 0; x < sw; x++) {
                    out[y * sw + x] = src[s + x] | 0xFF000000;
                }
            }
            return out;
        }
        int[] acc = new int[3 * sw];
        for (int by = 0; by < sh; by++) {
            java.util.Arrays.fill(acc, 0);
            int rows = Math.min(factor, frame.height - by * factor);
            for (int j = 0; j < rows; j++) {
                int s = (frame.y + by * factor + j) * image.width + frame.x;
                for (int bx = 0, x = 0; bx < sw; bx++) {
                    int end = Math.min(frame.width, x + factor);
                    int r = 0;
                    int g = 0;
                    int b = 0;
                    for (; x < end; x++) {
                        int p = src[s + x];
                        r += p & 0xFF;
                        g += (p >>> 8) & 0xFF;
                        b += (p >>> 16) & 0xFF;
                    }
                    acc[3 * bx] += r;
                    acc[3 * bx + 1] += g;
                    acc[3 * bx + 2] += b;
                }
            }
            for (int bx = 0; bx < sw; bx++) {
                int count = rows * Math.min(factor, frame.width - bx * factor);
                int h = count / 2;
                int a = 3 * bx;
                out[by * sw + bx] = 0xFF000000 | ((acc[a + 2] + h) / count) << 16 | ((acc[a + 1] + h) / count) << 8
                        | (acc[a] + h) / count;
            }
        }
        return out;
    }
}

package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * An approximate Gaussian blur of packed RGB pixels: three box passes per axis with sliding-window sums and edges
 * clamped (the edge pixel repeats). Alpha is not blurred: every written pixel gets alpha 255. Works in place with
 * {@code O(width * (radius + 1))} scratch memory.
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
        int last = width - 1;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(px, base, line, 0, width);
            int sr = 0;
            int sg = 0;
            int sb = 0;
            for (int k = -r; k <= r; k++) {
                int p = line[k < 0 ? 0 : k > last ? last : k];
                sr += p & 0xFF;
                sg += (p >>> 8) & 0xFF;
                sb += (p >>> 16) & 0xFF;
            }
            for (int x = 0; x < width; x++) {
                px[base + x] = 0xFF000000 | ((sb + half) / n) << 16 | ((sg + half) / n) << 8 | (sr + half) / n;
                int add = x + r + 1;
                int sub = x - r;
                int pa = line[add > last ? last : add];
                int ps = line[sub < 0 ? 0 : sub];
                sr += (pa & 0xFF) - (ps & 0xFF);
                sg += ((pa >>> 8) & 0xFF) - ((ps >>> 8) & 0xFF);
                sb += ((pa >>> 16) & 0xFF) - ((ps >>> 16) & 0xFF);
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
        int last = height - 1;
        int ringRows = r + 1;
        int[] ring = new int[ringRows * width];
        int[] sr = new int[width];
        int[] sg = new int[width];
        int[] sb = new int[width];
        for (int k = -r; k <= r; k++) {
            int base = (k < 0 ? 0 : k > last ? last : k) * width;
            for (int x = 0; x < width; x++) {
                int p = px[base + x];
                sr[x] += p & 0xFF;
                sg[x] += (p >>> 8) & 0xFF;
                sb[x] += (p >>> 16) & 0xFF;
            }
        }
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(px, base, ring, (y % ringRows) * width, width);
            for (int x = 0; x < width; x++) {
                px[base + x] = 0xFF000000 | ((sb[x] + half) / n) << 16 | ((sg[x] + half) / n) << 8
                        | (sr[x] + half) / n;
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
                sr[x] += (pa & 0xFF) - (ps & 0xFF);
                sg[x] += ((pa >>> 8) & 0xFF) - ((ps >>> 8) & 0xFF);
                sb[x] += ((pa >>> 16) & 0xFF) - ((ps >>> 16) & 0xFF);
            }
        }
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
                for (int x = 0; x < frame.width; x++) {
                    int p = src[s + x];
                    int a = 3 * (x / factor);
                    acc[a] += p & 0xFF;
                    acc[a + 1] += (p >>> 8) & 0xFF;
                    acc[a + 2] += (p >>> 16) & 0xFF;
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

package app.cutout.core.edit;

/**
 * Shadow coverage masks (0..255 per pixel) to paint under the subject with {@link Layers#paint}, in the colour and
 * opacity the user picks. Blurs are Gaussians approximated by three box passes per axis ({@link BoxBlur#radii}) with
 * running sums, so their cost does not depend on the blur; outside the image counts as no shadow.
 */
public final class Shadow {
    private Shadow() {
    }

    /**
     * A drop shadow: {@code caster} (the subject's alpha, or {@link Layers#silhouette} with an outline) moved by
     * {@code distance} pixels towards {@code angleDegrees} (0 right, 90 down), rounded to whole pixels, then blurred
     * with standard deviation {@code blur}. Nothing else is modified.
     *
     * @throws IllegalArgumentException if {@code caster} has the wrong length or a number is negative or not finite
     */
    public static byte[] drop(byte[] caster, int width, int height, double angleDegrees, double distance,
            double blur) {
        Rect.checkLength("caster bytes", caster.length, width, height);
        checkFinite("angle", angleDegrees, false);
        checkFinite("distance", distance, true);
        checkFinite("blur", blur, true);
        double rad = Math.toRadians(angleDegrees);
        long dx = Math.round(distance * Math.cos(rad));
        long dy = Math.round(distance * Math.sin(rad));
        int[] plane = new int[caster.length];
        for (int y = 0; y < height; y++) {
            long sy = y - dy;
            if (sy < 0 || sy >= height) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                long sx = x - dx;
                if (sx >= 0 && sx < width) {
                    plane[y * width + x] = (caster[(int) sy * width + (int) sx] & 0xFF) << SHIFT;
                }
            }
        }
        return blurred(plane, width, height, blur);
    }

    /**
     * A contact (ground) shadow: a soft ellipse where the subject meets the ground. Its width spans the columns the
     * subject occupies in its lowest {@value #FOOT_SHARE} of height (its feet, or a vase's base) times
     * {@code spread}; its height is that width times {@code flatness}; its centre lies on the subject's lowest row
     * edge, midway across those columns. The ellipse's area coverage (4x4 samples a pixel) is blurred with standard
     * deviation {@code blur}. All zeros when there is no subject ({@code alpha >= 128}).
     *
     * @param spread width of the ellipse over the subject's footprint, positive (1.1 reaches a little beyond it)
     * @param flatness height over width of the ellipse, positive (0.1 for a camera a little above the ground)
     * @throws IllegalArgumentException if {@code alpha} has the wrong length or a number is out of range
     */
    public static byte[] contact(byte[] alpha, int width, int height, double spread, double flatness, double blur) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        checkFinite("spread", spread, true);
        checkFinite("flatness", flatness, true);
        checkFinite("blur", blur, true);
        Rect subject = Crop.subjectBounds(alpha, width, height, 128);
        if (subject == null || spread == 0 || flatness == 0) {
            return new byte[alpha.length];
        }
        int band = Math.max(1, (int) Math.round(subject.height * FOOT_SHARE));
        int left = subject.right();
        int right = subject.x;
        for (int y = subject.bottom() - band; y < subject.bottom(); y++) {
            for (int x = subject.x; x < subject.right(); x++) {
                if ((alpha[y * width + x] & 0xFF) >= 128) {
                    left = Math.min(left, x);
                    right = Math.max(right, x + 1);
                }
            }
        }
        double cx = (left + right) / 2.0;
        double cy = subject.bottom();
        double rx = (right - left) / 2.0 * spread;
        double ry = Math.max(0.25, rx * flatness);
        int[] plane = new int[alpha.length];
        int y0 = (int) Math.max(0, Math.floor(cy - ry));
        int y1 = (int) Math.min(height, Math.ceil(cy + ry));
        int x0 = (int) Math.max(0, Math.floor(cx - rx));
        int x1 = (int) Math.min(width, Math.ceil(cx + rx));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int hits = 0;
                for (int sy = 0; sy < 4; sy++) {
                    double ny = (y + (sy + 0.5) / 4 - cy) / ry;
                    for (int sx = 0; sx < 4; sx++) {
                        double nx = (x + (sx + 0.5) / 4 - cx) / rx;
                        if (nx * nx + ny * ny <= 1) {
                            hits++;
                        }
                    }
                }
                plane[y * width + x] = (hits * 255 << SHIFT) / 16;
            }
        }
        return blurred(plane, width, height, blur);
    }

    /** Share of the subject's height, from its lowest row up, taken as its footprint. */
    static final double FOOT_SHARE = 0.05;

    /** Fixed-point bits kept below the 8-bit level while blurring. */
    private static final int SHIFT = 8;

    private static byte[] blurred(int[] plane, int width, int height, double sigma) {
        byte[] out = new byte[plane.length];
        Rect window = gaussian(plane, width, height, sigma);
        if (window == null) {
            return out;
        }
        int half = 1 << (SHIFT - 1);
        for (int y = window.y; y < window.bottom(); y++) {
            for (int i = y * width + window.x, end = i + window.width; i < end; i++) {
                out[i] = (byte) Math.min(255, (plane[i] + half) >> SHIFT);
            }
        }
        return out;
    }

    /**
     * Blurs a plane of non-negative values below {@code 2^16} in place: three box passes per axis, each box of
     * {@code 2r + 1} values summed over the pixels inside the image (outside counts as 0) and divided with rounding.
     * Only the bounds of the non-zero values grown by the boxes' reach are worked on (everything else stays 0).
     *
     * @return those bounds, or {@code null} if the plane is all zeros
     */
    static Rect gaussian(int[] plane, int width, int height, double sigma) {
        Rect window = nonZeroBounds(plane, width, height);
        if (window == null || sigma <= 0) {
            return window;
        }
        int[] radii = BoxBlur.radii(sigma);
        int reach = radii[0] + radii[1] + radii[2];
        window = Rect.fromEdges(Math.max(0, window.x - reach), Math.max(0, window.y - reach),
                (int) Math.min(width, (long) window.right() + reach), (int) Math.min(height,
                        (long) window.bottom() + reach));
        int[] line = new int[window.width];
        for (int r : radii) {
            if (r > 0) {
                for (int y = window.y; y < window.bottom(); y++) {
                    boxRow(plane, y * width + window.x, window.width, r, line);
                }
            }
        }
        for (int r : radii) {
            if (r > 0) {
                boxColumns(plane, width, window, r);
            }
        }
        return window;
    }

    private static Rect nonZeroBounds(int[] plane, int width, int height) {
        int left = width;
        int right = -1;
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            int first = -1;
            int last = -1;
            for (int x = 0; x < width; x++) {
                if (plane[base + x] != 0) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first >= 0) {
                if (top < 0) {
                    top = y;
                }
                bottom = y;
                left = Math.min(left, first);
                right = Math.max(right, last);
            }
        }
        return top < 0 ? null : Rect.fromEdges(left, top, right + 1, bottom + 1);
    }

    /** One box pass along {@code n} values from {@code start}. */
    private static void boxRow(int[] plane, int start, int n, int r, int[] line) {
        System.arraycopy(plane, start, line, 0, n);
        int width = 2 * r + 1;
        int half = width / 2;
        long inv = reciprocal(width);
        int sum = 0;
        for (int k = 0; k <= Math.min(r, n - 1); k++) {
            sum += line[k];
        }
        for (int k = 0; k < n; k++) {
            plane[start + k] = divide(sum + half, width, inv);
            int add = k + r + 1;
            int sub = k - r;
            if (add < n) {
                sum += line[add];
            }
            if (sub >= 0) {
                sum -= line[sub];
            }
        }
    }

    /**
     * One box pass down every column of {@code window}, row by row with per-column sums (memory-friendly); a ring
     * of the last {@code r + 1} original rows stands in for rows already overwritten.
     */
    private static void boxColumns(int[] plane, int width, Rect window, int r) {
        int ww = window.width;
        int n = window.height;
        int box = 2 * r + 1;
        int half = box / 2;
        long inv = reciprocal(box);
        int ringRows = r + 1;
        int[] ring = new int[ringRows * ww];
        int[] sum = new int[ww];
        int first = window.y * width + window.x;
        for (int k = 0; k <= Math.min(r, n - 1); k++) {
            int base = first + k * width;
            for (int x = 0; x < ww; x++) {
                sum[x] += plane[base + x];
            }
        }
        for (int k = 0; k < n; k++) {
            int base = first + k * width;
            System.arraycopy(plane, base, ring, (k % ringRows) * ww, ww);
            for (int x = 0; x < ww; x++) {
                plane[base + x] = divide(sum[x] + half, box, inv);
            }
            int add = k + r + 1;
            int sub = k - r;
            if (add < n) {
                int a = first + add * width;
                for (int x = 0; x < ww; x++) {
                    sum[x] += plane[a + x];
                }
            }
            if (sub >= 0) {
                int s = (sub % ringRows) * ww;
                for (int x = 0; x < ww; x++) {
                    sum[x] -= ring[s + x];
                }
            }
        }
    }

    /**
     * {@code ceil(2^32 / n)} when {@code x / n == (x * m) >>> 32} holds for every rounded window sum {@code x <=
     * 2^16 * n}: the product overshoots by {@code x * e / (n * 2^32) < 1 / n} ({@code m * n = 2^32 + e}, {@code e <
     * n}) as long as {@code x < 2^32 / n}, that is {@code n < 256}; 0 (divide) for wider boxes.
     */
    private static long reciprocal(int n) {
        return n < 256 ? ((1L << 32) + n - 1) / n : 0;
    }

    private static int divide(int x, int n, long reciprocal) {
        return reciprocal != 0 ? (int) ((x * reciprocal) >>> 32) : x / n;
    }

    private static void checkFinite(String what, double v, boolean nonNegative) {
        if (Double.isNaN(v) || Double.isInfinite(v) || (nonNegative && v < 0)) {
            throw new IllegalArgumentException("Expected a finite " + what + (nonNegative ? " >= 0" : "") + ", got "
                    + v);
        }
    }
}

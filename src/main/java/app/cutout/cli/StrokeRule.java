package app.cutout.cli;

import app.cutout.core.edit.DistanceTransform;
import app.cutout.core.refine.Stroke;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The scripted user of the stroke benchmarks: given an alpha and the true alpha, the one Keep or Remove stroke a
 * person would draw next. It takes the largest connected region (8-connected) where the alpha is wrong by more than
 * half ({@code |α - true α| > 0.5}) and draws a stroke along its longest inner line: the longest shortest path
 * through the region's core (its pixels at least half the region's greatest depth from its outside, the part that
 * holds the deepest pixel), found by two breadth-first searches, simplified to at most {@link #MAX_POINTS} points.
 * The stroke is 2 % of the image's short side wide; Keep where most of the region is subject in truth
 * ({@code true α >= 0.5}), Remove otherwise. The JVM quality harness and {@code bench/run.sh --strokes} both use it.
 *
 * <pre>java -cp target/cutout.jar app.cutout.cli.StrokeRule ALPHA.png TRUTH.png</pre>
 * prints {@code {"kind":"keep|remove","radius":R,"points":[x0,y0,…],"region_px":N}}, or {@code {"kind":null}} when no
 * region is large enough. An image with an alpha channel gives its alpha; a gray one its gray level.
 */
public final class StrokeRule {
    private StrokeRule() {
    }

    /** Most points of a stroke. */
    public static final int MAX_POINTS = 64;

    /** Stroke radius as a share of the image's short side (width 2 %). */
    public static final float RADIUS_SHARE = 0.01f;

    /** A wrong region needs at least this share of the image's pixels, and at least {@link #MIN_PIXELS}. */
    public static final double MIN_SHARE = 1e-4;
    public static final int MIN_PIXELS = 16;

    /**
     * The next stroke, or null when no wrong region has {@link #minimumRegion} pixels.
     *
     * @param alpha the current alpha, {@code w * h} unsigned bytes
     * @param truth the true alpha, {@code w * h} unsigned bytes
     */
    public static Stroke next(byte[] alpha, byte[] truth, int w, int h) {
        Region r = largestWrongRegion(alpha, truth, w, h);
        if (r == null || r.size < minimumRegion(w, h)) {
            return null;
        }
        return strokeAlong(r, w, h);
    }

    /** The fewest pixels a wrong region needs to draw a stroke on. */
    public static int minimumRegion(int w, int h) {
        return (int) Math.max(MIN_PIXELS, Math.round(MIN_SHARE * w * h));
    }

    /** A connected wrong region: its pixels' indices, how many are subject in truth, and its bounding box. */
    static final class Region {
        final int[] pixels;
        final int size;
        final int subject;
        final int x0;
        final int y0;
        final int x1;
        final int y1;

        Region(int[] pixels, int size, int subject, int x0, int y0, int x1, int y1) {
            this.pixels = pixels;
            this.size = size;
            this.subject = subject;
            this.x0 = x0;
            this.y0 = y0;
            this.x1 = x1;
            this.y1 = y1;
        }
    }

    /** The largest 8-connected region with {@code |α - true α| > 0.5}, the first found on ties; null if none. */
    static Region largestWrongRegion(byte[] alpha, byte[] truth, int w, int h) {
        int n = w * h;
        if (w <= 0 || h <= 0 || alpha.length != n || truth.length != n) {
            throw new IllegalArgumentException("Expected two " + w + "x" + h + " alphas, got " + alpha.length + " and "
                    + truth.length + " bytes");
        }
        byte[] state = new byte[n];
        for (int i = 0; i < n; i++) {
            // |a - t| / 255 > 0.5  <=>  |a - t| >= 128.
            if (Math.abs((alpha[i] & 0xFF) - (truth[i] & 0xFF)) >= 128) {
                state[i] = 1;
            }
        }
        int[] queue = new int[n];
        Region best = null;
        for (int s = 0; s < n; s++) {
            if (state[s] != 1) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            state[s] = 2;
            int subject = 0;
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            while (head < tail) {
                int i = queue[head++];
                int y = i / w;
                int x = i - y * w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                if ((truth[i] & 0xFF) >= 128) {
                    subject++;
                }
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int k = yy * w + xx;
                        if (state[k] == 1) {
                            state[k] = 2;
                            queue[tail++] = k;
                        }
                    }
                }
            }
            if (best == null || tail > best.size) {
                best = new Region(java.util.Arrays.copyOf(queue, tail), tail, subject, x0, y0, x1 + 1, y1 + 1);
            }
        }
        return best;
    }

    /** The stroke along the region's longest inner line. */
    static Stroke strokeAlong(Region r, int w, int h) {
        // The region's box with a one-pixel frame, so that the frame is outside for the distance transform.
        int bx = r.x0 - 1;
        int by = r.y0 - 1;
        int bw = r.x1 - r.x0 + 2;
        int bh = r.y1 - r.y0 + 2;
        int bn = bw * bh;
        byte[] outside = new byte[bn];
        java.util.Arrays.fill(outside, (byte) 255);
        for (int k = 0; k < r.size; k++) {
            int i = r.pixels[k];
            int y = i / w;
            int x = i - y * w;
            outside[(y - by) * bw + (x - bx)] = 0;
        }
        int[] depth2 = new int[bn];
        int[] nearest = new int[bn];
        DistanceTransform.compute(outside, bw, bh, 1, depth2, nearest);
        int deepest = -1;
        for (int b = 0; b < bn; b++) {
            if (outside[b] == 0 && (deepest < 0 || depth2[b] > depth2[deepest])) {
                deepest = b;
            }
        }
        // The core: at least half the greatest depth (squared: a quarter).
        int coreDepth2 = Math.max(1, depth2[deepest] / 4);
        byte[] core = new byte[bn];
        for (int b = 0; b < bn; b++) {
            if (outside[b] == 0 && depth2[b] >= coreDepth2) {
                core[b] = 1;
            }
        }
        int[] dist = new int[bn];
        int[] parent = new int[bn];
        int a = farthest(core, bw, bh, deepest, dist, parent);
        int e = farthest(core, bw, bh, a, dist, parent);
        // The path from e back to a, through the parents of the second search.
        int length = dist[e] + 1;
        int[] path = new int[length];
        for (int k = 0, b = e; k < length; k++, b = parent[b]) {
            path[k] = b;
        }
        int count = Math.min(MAX_POINTS, length);
        float[] points = new float[2 * count];
        for (int k = 0; k < count; k++) {
            int b = path[count == 1 ? 0 : (int) Math.round((double) k * (length - 1) / (count - 1))];
            int y = b / bw;
            int x = b - y * bw;
            points[2 * k] = bx + x + 0.5f;
            points[2 * k + 1] = by + y + 0.5f;
        }
        Stroke.Kind kind = 2L * r.subject >= r.size ? Stroke.Kind.KEEP : Stroke.Kind.REMOVE;
        return new Stroke(kind, RADIUS_SHARE * Math.min(w, h), points);
    }

    /**
     * Breadth-first search over the set cells of {@code mask} (8-connected) from {@code start}; fills steps and
     * parents, returns the farthest cell (the first reached on ties).
     */
    private static int farthest(byte[] mask, int w, int h, int start, int[] dist, int[] parent) {
        java.util.Arrays.fill(dist, -1);
        int[] queue = new int[w * h];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        dist[start] = 0;
        parent[start] = start;
        int last = start;
        while (head < tail) {
            int i = queue[head++];
            last = i;
            int y = i / w;
            int x = i - y * w;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                    int k = yy * w + xx;
                    if (mask[k] != 0 && dist[k] < 0) {
                        dist[k] = dist[i] + 1;
                        parent[k] = i;
                        queue[tail++] = k;
                    }
                }
            }
        }
        return last;
    }

    /** The stroke as the one JSON line {@link #main} prints. */
    public static String json(Stroke s, int regionPixels) {
        if (s == null) {
            return "{\"kind\":null}";
        }
        StringBuilder b = new StringBuilder("{\"kind\":\"").append(s.kind == Stroke.Kind.KEEP ? "keep" : "remove")
                .append("\",\"radius\":").append(number(s.radius)).append(",\"points\":[");
        for (int k = 0; k < s.size(); k++) {
            if (k > 0) {
                b.append(',');
            }
            b.append(number(s.x(k))).append(',').append(number(s.y(k)));
        }
        return b.append("],\"region_px\":").append(regionPixels).append('}').toString();
    }

    private static String number(float v) {
        String t = String.format(Locale.ROOT, "%.2f", v);
        return t.contains(".") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
    }

    /** One band of an image as unsigned bytes: the alpha where there is one, else the first (gray) band. */
    static byte[] alphaBytes(BufferedImage image) {
        Raster raster = image.getRaster();
        int band = image.getColorModel().hasAlpha() ? raster.getNumBands() - 1 : 0;
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, band, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) row[x];
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: java -cp cutout.jar app.cutout.cli.StrokeRule ALPHA.png TRUTH.png");
            System.exit(2);
        }
        BufferedImage alpha = ImageIO.read(Path.of(args[0]).toFile());
        BufferedImage truth = ImageIO.read(Path.of(args[1]).toFile());
        if (alpha == null || truth == null) {
            System.err.println("Cannot decode " + (alpha == null ? args[0] : args[1]));
            System.exit(1);
        }
        int w = alpha.getWidth();
        int h = alpha.getHeight();
        if (truth.getWidth() != w || truth.getHeight() != h) {
            System.err.println("Sizes differ: " + w + "x" + h + " and " + truth.getWidth() + "x" + truth.getHeight());
            System.exit(1);
        }
        byte[] a = alphaBytes(alpha);
        byte[] t = alphaBytes(truth);
        Region r = largestWrongRegion(a, t, w, h);
        Stroke s = r == null || r.size < minimumRegion(w, h) ? null : strokeAlong(r, w, h);
        System.out.println(json(s, s == null ? 0 : r.size));
    }
}

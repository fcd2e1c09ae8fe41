package app.cutout.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Scores alpha mattes against a ground truth with {@link MatteMetrics}, for {@code bench/run.sh --quality}.
 *
 * <pre>java -cp target/classes:target/test-classes app.cutout.quality.QualityScore TRUTH.png LABEL=MASK.png...</pre>
 *
 * All PNGs are 8-bit gray of the same size. Prints one JSON object on stdout:
 * {@code {"width":W,"height":H,"edge_px":N,"LABEL":{"sad":…,"mse":…,"grad":…,"iou":…,"sad_edge":…},…}}.
 * The four metrics count every pixel (no trimap). {@code sad_edge} is the SAD over the {@link #edgeBand} alone
 * (N pixels): it tells edge errors, which refinement can fix, from a subject missed or added as a whole, which it
 * cannot.
 */
public final class QualityScore {
    private QualityScore() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: QualityScore TRUTH.png LABEL=MASK.png...");
            System.exit(2);
        }
        BufferedImage truthImage = MatteFiles.read(Path.of(args[0]));
        int w = truthImage.getWidth();
        int h = truthImage.getHeight();
        byte[] truth = MatteFiles.grayBytes(truthImage);
        byte[] band = edgeBand(truth, w, h, edgeRadius(w, h));
        int bandPixels = 0;
        for (byte b : band) {
            bandPixels += b;
        }
        StringBuilder json = new StringBuilder();
        json.append("{\"width\":").append(w).append(",\"height\":").append(h).append(",\"edge_px\":")
                .append(bandPixels);
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected LABEL=MASK.png, got " + args[i]);
            }
            String label = args[i].substring(0, eq);
            Path file = Path.of(args[i].substring(eq + 1));
            BufferedImage image = MatteFiles.read(file);
            if (image.getWidth() != w || image.getHeight() != h) {
                throw new IOException(file + " is " + image.getWidth() + "x" + image.getHeight() + ", the truth "
                        + w + "x" + h);
            }
            byte[] predicted = MatteFiles.grayBytes(image);
            String scores = scores(predicted, truth, w, h);
            json.append(",\"").append(label).append("\":").append(scores, 0, scores.length() - 1)
                    .append(String.format(Locale.ROOT, ",\"sad_edge\":%.4f}",
                            MatteMetrics.sad(predicted, truth, band)));
        }
        System.out.println(json.append('}'));
    }

    /**
     * Half-width of the edge band: three model-mask pixels (1024 across the longer side) in photo pixels, at least 3,
     * which covers the bilinearly upsampled mask's ramp and a little more.
     */
    static int edgeRadius(int w, int h) {
        return Math.max(3, (int) Math.ceil(3.0 * Math.max(w, h) / 1024));
    }

    /**
     * 1 for pixels within {@code r} (Chebyshev distance) of a ground-truth edge pixel, 0 elsewhere; an edge pixel is
     * semi-transparent or differs from its right or lower neighbour (both pixels of such a pair count).
     */
    static byte[] edgeBand(byte[] truth, int w, int h, int r) {
        byte[] edge = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int v = truth[i] & 0xFF;
                if (v != 0 && v != 255) {
                    edge[i] = 1;
                }
                if (x + 1 < w && truth[i + 1] != truth[i]) {
                    edge[i] = 1;
                    edge[i + 1] = 1;
                }
                if (y + 1 < h && truth[i + w] != truth[i]) {
                    edge[i] = 1;
                    edge[i + w] = 1;
                }
            }
        }
        // Separable dilation: rows, then columns, each by distance to the nearest marked pixel.
        byte[] rows = new byte[w * h];
        for (int y = 0; y < h; y++) {
            dilateLine(edge, rows, y * w, 1, w, r);
        }
        byte[] out = new byte[w * h];
        for (int x = 0; x < w; x++) {
            dilateLine(rows, out, x, w, h, r);
        }
        return out;
    }

    private static void dilateLine(byte[] in, byte[] out, int start, int step, int n, int r) {
        int last = Integer.MIN_VALUE / 2;
        for (int k = 0; k < n; k++) {
            if (in[start + k * step] != 0) {
                last = k;
            }
            if (k - last <= r) {
                out[start + k * step] = 1;
            }
        }
        last = Integer.MAX_VALUE / 2;
        for (int k = n - 1; k >= 0; k--) {
            if (in[start + k * step] != 0) {
                last = k;
            }
            if (last - k <= r) {
                out[start + k * step] = 1;
            }
        }
    }

    /** The four metrics as a JSON object. */
    static String scores(byte[] predicted, byte[] truth, int w, int h) {
        return String.format(Locale.ROOT, "{\"sad\":%.4f,\"mse\":%.6f,\"grad\":%.4f,\"iou\":%.5f}",
                MatteMetrics.sad(predicted, truth), MatteMetrics.mse(predicted, truth),
                MatteMetrics.gradientError(predicted, truth, w, h), MatteMetrics.iou(predicted, truth));
    }
}

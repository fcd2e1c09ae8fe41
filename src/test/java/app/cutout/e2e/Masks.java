package app.cutout.e2e;

import java.awt.image.BufferedImage;

/** Small helpers for comparing alpha masks stored as one unsigned byte (0..255) per pixel, row-major. */
public final class Masks {
    /** Alpha at or above this counts as foreground. */
    public static final int THRESHOLD = 128;

    private Masks() {
    }

    /** Intersection over union of the foregrounds at {@link #THRESHOLD}; 1.0 when both are empty. */
    public static double iou(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Masks differ in size: " + a.length + " vs " + b.length);
        }
        long both = 0;
        long either = 0;
        for (int i = 0; i < a.length; i++) {
            boolean inA = (a[i] & 0xFF) >= THRESHOLD;
            boolean inB = (b[i] & 0xFF) >= THRESHOLD;
            both += inA && inB ? 1 : 0;
            either += inA || inB ? 1 : 0;
        }
        return either == 0 ? 1.0 : (double) both / either;
    }

    /** Converts any decoded image to non-premultiplied TYPE_INT_ARGB, bit-exact (no compositing involved). */
    public static BufferedImage toArgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, w, h, image.getRGB(0, 0, w, h, null, 0, w), 0, w);
        return argb;
    }

    /** The alpha channel of an image (images without alpha read as fully opaque). */
    public static byte[] alpha(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] alpha = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            alpha[i] = (byte) (argb[i] >>> 24);
        }
        return alpha;
    }

    /** Fraction of pixels at or above {@link #THRESHOLD}. */
    public static double coverage(byte[] alpha) {
        long on = 0;
        for (byte a : alpha) {
            on += (a & 0xFF) >= THRESHOLD ? 1 : 0;
        }
        return alpha.length == 0 ? 0 : (double) on / alpha.length;
    }

    /** Centre of mass {x, y} of the foreground, rounded; null when there is none. */
    public static int[] centroid(byte[] alpha, int width) {
        long sumX = 0;
        long sumY = 0;
        long count = 0;
        for (int i = 0; i < alpha.length; i++) {
            if ((alpha[i] & 0xFF) >= THRESHOLD) {
                sumX += i % width;
                sumY += i / width;
                count++;
            }
        }
        return count == 0 ? null : new int[] {Math.round((float) sumX / count), Math.round((float) sumY / count)};
    }
}

package app.cutout.core.edit;

/**
 * Straight-alpha layers for what lies between the background and the subject (shadows, an outline): a frame-sized
 * {@code int[]} of packed pixels ({@code (a << 24) | (b << 16) | (g << 8) | r}, colour not premultiplied), built by
 * painting solid-colour coverage masks bottom to top and handed to the {@link Compositor}'s {@code prepare} with
 * layers ({@link Staging} does all of it).
 *
 * <p><b>Over</b>, in 8-bit integers: a top of colour {@code c} and alpha {@code t} over a bottom {@code (b, u)}
 * gives alpha {@code A = t + div255(u * (255 - t))} and per channel {@code (c * t + b * div255(u * (255 - t)) + A /
 * 2) / A} ({@code div255(x) = round(x / 255)}); {@code A = 0} gives 0.
 */
public final class Layers {
    private Layers() {
    }

    /**
     * Paints a layer of one colour with per-pixel {@code coverage} (0..255) scaled by {@code opacity} over
     * {@code layers}; only {@code layers} is modified.
     *
     * @param rgb {@code (b << 16) | (g << 8) | r}, as {@link Background#rgb}
     * @param opacity 0..1
     * @throws IllegalArgumentException if the lengths differ or {@code opacity} is out of range
     */
    public static void paint(int[] layers, byte[] coverage, int rgb, double opacity) {
        if (layers.length != coverage.length) {
            throw new IllegalArgumentException("Expected " + layers.length + " coverage bytes, got "
                    + coverage.length);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Expected an opacity in 0..1, got " + opacity);
        }
        int o = (int) Math.round(opacity * 255);
        int colour = rgb & 0xFFFFFF;
        for (int i = 0; i < layers.length; i++) {
            int c = coverage[i] & 0xFF;
            if (c != 0) {
                layers[i] = over(colour, o == 255 ? c : Compositor.div255(c * o), layers[i]);
            }
        }
    }

    /** Colour {@code rgb} with alpha {@code top} over the packed straight-alpha {@code bottom} (see the class). */
    public static int over(int rgb, int top, int bottom) {
        int u = bottom >>> 24;
        if (top == 255 || u == 0) {
            // Exactly the subject alone (colour kept even where transparent, as without layers).
            return (top << 24) | (rgb & 0xFFFFFF);
        }
        int ub = Compositor.div255(u * (255 - top));
        int a = top + ub;
        if (a == 0) {
            return 0;
        }
        int h = a / 2;
        int r = ((rgb & 0xFF) * top + (bottom & 0xFF) * ub + h) / a;
        int g = (((rgb >>> 8) & 0xFF) * top + ((bottom >>> 8) & 0xFF) * ub + h) / a;
        int b = (((rgb >>> 16) & 0xFF) * top + ((bottom >>> 16) & 0xFF) * ub + h) / a;
        return (a << 24) | (b << 16) | (g << 8) | r;
    }

    /**
     * The subject with a layer of {@code coverage} under it, per pixel {@code a + div255(c * (255 - a))} (the alpha of
     * {@link #over}): what a shadow is cast from when the subject has an outline.
     */
    public static byte[] silhouette(byte[] alpha, byte[] coverage) {
        if (coverage.length != alpha.length) {
            throw new IllegalArgumentException("Expected " + alpha.length + " coverage bytes, got "
                    + coverage.length);
        }
        byte[] out = new byte[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            int a = alpha[i] & 0xFF;
            out[i] = (byte) (a + Compositor.div255((coverage[i] & 0xFF) * (255 - a)));
        }
        return out;
    }
}

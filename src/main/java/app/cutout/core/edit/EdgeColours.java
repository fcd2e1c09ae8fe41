package app.cutout.core.edit;

import java.util.Arrays;

/**
 * Colours for the soft edge an edit made. Where the cutout is partly transparent its colours are the subject's with
 * the old background taken out (foreground estimation), which stay right whatever alpha an edit gives the pixel; where
 * the cutout was opaque or transparent its colours are the photo's, and where an edit makes such a pixel partly
 * transparent (a Keep or Remove stroke's matting band, a soft brush) its colour includes the old background: the leaves' new edge after a Remove stroke on plant.jpg's blue clothes-peg is a mix of leaf
 * and peg, and at partial alpha it showed as a thin blue-white line over any new background. Such a pixel takes the
 * colour of the nearest fully opaque pixel within {@link #RADIUS} (the subject's own colour beside it: what the edge is
 * a mix of, without what lay behind) where its own colour is further than {@link #MIXED} from that one in some channel;
 * closer, it is of the same stuff as its neighbour (a soft brush's ramp over the subject's texture, which copying the
 * neighbour would smear), and with no opaque pixel that close (a lone strand) it keeps its own.
 *
 * <p>A pure function of the colours, the edited alpha and the cutout's alpha, computed per pixel: the editor's canvas
 * (which repaints any rectangle, after undo too), the Keep/Remove preview and every export give the same pixels, and
 * nothing needs storing per edit. A pixel's colour depends on the alpha within {@link #RADIUS} of it, so a repaint of
 * a changed rectangle covers that much more ({@link #reach}).
 */
public final class EdgeColours {
    /** How far (pixels, Euclidean) a soft edited pixel looks for an opaque one. */
    public static final int RADIUS = 4;
    /** How far (levels, in the channel that differs most) a colour must be from its opaque neighbour's to be a mix. */
    public static final int MIXED = 24;
    /** The offsets within {@link #RADIUS}, nearest first (then row, then column): dx, dy pairs. */
    private static final int[] OFFSETS = offsets();

    private EdgeColours() {
    }

    /**
     * Pixel {@code i} as shown: its colour (after the edge rule) with its edited alpha, packed {@code 0xAARRGGBB}.
     *
     * @param colours the cutout's colours where it shows anything, the photo's elsewhere; alpha bits ignored
     * @param alpha the edited alpha
     * @param cutoutAlpha the cutout's own alpha, or null when there is none to compare with (no rule then)
     */
    public static int pixel(int[] colours, byte[] alpha, byte[] cutoutAlpha, int width, int height, int i) {
        int a = alpha[i] & 0xFF;
        int rgb = cutoutAlpha != null && edgeEdit(a, cutoutAlpha[i] & 0xFF)
                ? nearestOpaque(colours, alpha, width, height, i) : colours[i];
        return (rgb & 0x00FFFFFF) | a << 24;
    }

    /** Soft now, and sure in the cutout (so its colour there is the photo's own). */
    private static boolean edgeEdit(int a, int cutoutA) {
        return a != 0 && a != 255 && (cutoutA == 0 || cutoutA == 255);
    }

    /**
     * Applies the rule to every pixel, in place: only soft edited pixels change, and they read only opaque ones, which
     * never change, so the order does not matter.
     *
     * @param colours changed in place; alpha bits kept
     */
    public static void apply(int[] colours, byte[] alpha, byte[] cutoutAlpha, int width, int height) {
        check(colours, alpha, cutoutAlpha, width, height);
        for (int i = 0; i < colours.length; i++) {
            if (edgeEdit(alpha[i] & 0xFF, cutoutAlpha[i] & 0xFF)) {
                colours[i] = (colours[i] & 0xFF000000) | (nearestOpaque(colours, alpha, width, height, i)
                        & 0x00FFFFFF);
            }
        }
    }

    /** The pixels whose colour may change when the alpha changes in {@code changed}: it, {@link #RADIUS} wider. */
    public static Rect reach(Rect changed, int width, int height) {
        int x0 = Math.max(0, changed.x - RADIUS);
        int y0 = Math.max(0, changed.y - RADIUS);
        int x1 = Math.min(width, changed.right() + RADIUS);
        int y1 = Math.min(height, changed.bottom() + RADIUS);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private static int nearestOpaque(int[] colours, byte[] alpha, int width, int height, int i) {
        int n = nearestOpaque(alpha, width, height, i);
        return n >= 0 && mixed(colours[i], colours[n]) ? colours[n] : colours[i];
    }

    /** The nearest fully opaque pixel within {@link #RADIUS} of pixel {@code i} (nearest first, then row, column), or -1. */
    public static int nearestOpaque(byte[] alpha, int width, int height, int i) {
        int x = i % width;
        int y = i / width;
        for (int k = 0; k < OFFSETS.length; k += 2) {
            int nx = x + OFFSETS[k];
            int ny = y + OFFSETS[k + 1];
            if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                int n = ny * width + nx;
                if ((alpha[n] & 0xFF) == 255) {
                    return n;
                }
            }
        }
        return -1;
    }

    /** Whether {@code own} is further than {@link #MIXED} from {@code opaque} in some channel. */
    private static boolean mixed(int own, int opaque) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((own >> shift & 0xFF) - (opaque >> shift & 0xFF)) > MIXED) {
                return true;
            }
        }
        return false;
    }

    private static void check(int[] colours, byte[] alpha, byte[] cutoutAlpha, int width, int height) {
        long n = (long) width * height;
        if (width <= 0 || height <= 0 || colours.length != n || alpha.length != n || cutoutAlpha.length != n) {
            throw new IllegalArgumentException("Expected " + n + " colours and alpha values for " + width + "x"
                    + height + ", got " + colours.length + ", " + alpha.length + " and " + cutoutAlpha.length);
        }
    }

    private static int[] offsets() {
        Integer[] order = new Integer[(2 * RADIUS + 1) * (2 * RADIUS + 1)];
        int count = 0;
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
            for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                int d2 = dx * dx + dy * dy;
                if (d2 > 0 && d2 <= RADIUS * RADIUS) {
                    order[count++] = (dy + RADIUS) * (2 * RADIUS + 1) + (dx + RADIUS);
                }
            }
        }
        Integer[] used = Arrays.copyOf(order, count);
        int side = 2 * RADIUS + 1;
        // Nearest first; among equals the scan order (row, then column), so every host picks the same neighbour.
        Arrays.sort(used, (p, q) -> {
            int pdx = p % side - RADIUS;
            int pdy = p / side - RADIUS;
            int qdx = q % side - RADIUS;
            int qdy = q / side - RADIUS;
            int c = Integer.compare(pdx * pdx + pdy * pdy, qdx * qdx + qdy * qdy);
            return c != 0 ? c : Integer.compare(p, q);
        });
        int[] out = new int[2 * count];
        for (int k = 0; k < count; k++) {
            out[2 * k] = used[k] % side - RADIUS;
            out[2 * k + 1] = used[k] / side - RADIUS;
        }
        return out;
    }
}

package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the end-to-end tests: what a correct cutout of a photo looks like. */
final class CutoutAssertions {
    private CutoutAssertions() {
    }

    static void assertSameSize(BufferedImage photo, BufferedImage cutout) {
        assertEquals(photo.getWidth() + "x" + photo.getHeight(), cutout.getWidth() + "x" + cutout.getHeight(),
                "the cutout must keep the photo's size");
    }

    /**
     * Corners that the reference calls background (alpha < 16) must be transparent in the cutout too. Not every
     * corner is background: in astronaut.png the helmet and the flag reach the bottom corners (reference 95 and 19).
     */
    static void assertCornersTransparent(BufferedImage cutout, ReferenceMask.Mask reference) {
        int w = cutout.getWidth() - 1;
        int h = cutout.getHeight() - 1;
        int[][] corners = {{0, 0}, {w, 0}, {0, h}, {w, h}};
        int checked = 0;
        for (int[] c : corners) {
            if (reference.at(c[0], c[1]) >= 16) {
                System.out.println("corner (" + c[0] + "," + c[1] + ") is subject in the reference ("
                        + reference.at(c[0], c[1]) + "), not checked");
                continue;
            }
            checked++;
            int alpha = cutout.getRGB(c[0], c[1]) >>> 24;
            assertTrue(alpha < 16, "corner (" + c[0] + "," + c[1] + ") should be transparent, alpha " + alpha);
        }
        assertTrue(checked >= 2, "test set-up: fewer than two background corners in the reference");
    }

    /**
     * The reference mask's centroid is checked to be solid subject in the reference first (so the probe point is
     * known to be on the subject), then in the cutout.
     */
    static void assertSubjectOpaque(BufferedImage cutout, ReferenceMask.Mask reference) {
        int[] c = Masks.centroid(reference.alpha(), reference.width());
        assertNotNull(c, "the reference mask has no subject");
        assertTrue(reference.at(c[0], c[1]) > 240, "test set-up: the reference centroid (" + c[0] + "," + c[1]
                + ") is not solid subject, pick another probe point");
        int alpha = cutout.getRGB(c[0], c[1]) >>> 24;
        assertTrue(alpha > 240, "subject pixel (" + c[0] + "," + c[1] + ") should be opaque, alpha " + alpha);
    }

    static void assertIou(byte[] actual, byte[] expected, double min, String against) {
        double iou = Masks.iou(actual, expected);
        System.out.printf("IoU against %s: %.4f (coverage %.3f vs %.3f)%n", against, iou, Masks.coverage(actual),
                Masks.coverage(expected));
        assertTrue(iou >= min, String.format("IoU against %s is %.4f, want >= %.2f (coverage %.3f vs %.3f)",
                against, iou, min, Masks.coverage(actual), Masks.coverage(expected)));
    }

    /** A cutout only adds alpha: where it is fully opaque the colour must be the photo's own, bit for bit. */
    static void assertOpaqueRgbUnchanged(BufferedImage photo, BufferedImage cutout) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int[] in = photo.getRGB(0, 0, w, h, null, 0, w);
        int[] out = cutout.getRGB(0, 0, w, h, null, 0, w);
        long opaque = 0;
        long changed = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (out[i] >>> 24 != 0xFF) {
                continue;
            }
            opaque++;
            if ((in[i] & 0xFFFFFF) != (out[i] & 0xFFFFFF)) {
                changed++;
                if (examples.size() < 5) {
                    examples.add(String.format("(%d,%d) photo #%06x cutout #%06x", i % w, i / w, in[i] & 0xFFFFFF,
                            out[i] & 0xFFFFFF));
                }
            }
        }
        assertTrue(opaque > 0, "the cutout has no fully opaque pixel");
        assertEquals(0, changed, changed + " of " + opaque + " opaque pixels changed colour, e.g. " + examples);
    }

    /** Every path the server was asked for must be a file of the built site: no API, no upload endpoint. */
    static void assertOnlyStaticFiles(List<String> paths, Path site) {
        List<String> strangers = new ArrayList<>();
        for (String path : paths) {
            String relative = URLDecoder.decode(path, StandardCharsets.UTF_8).replaceFirst("^/+", "");
            Path file = site.resolve(relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative)
                    .normalize();
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                strangers.add(path);
            }
        }
        assertTrue(strangers.isEmpty(), "the page asked the server for things that are not site files: " + strangers
                + " (all requests: " + paths + ")");
    }
}

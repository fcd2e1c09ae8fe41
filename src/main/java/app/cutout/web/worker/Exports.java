package app.cutout.web.worker;

import app.cutout.core.edit.Background;
import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.Crop;
import app.cutout.core.edit.EdgeColours;
import app.cutout.core.edit.Look;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.Staging;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.ops.MaskStats;
import app.cutout.core.zip.ZipWriter;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.Promises;
import app.cutout.web.protocol.ExportRequest;
import app.cutout.web.protocol.ZipRequest;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Exports in the export worker: composite one photo with its background and crop (and, with a {@link Look}, its size
 * preset, shadow and outline), encode; or pack a ZIP.
 */
final class Exports {
    private static final double JPEG_QUALITY = 0.92;
    private static final double WEBP_QUALITY = 0.92;

    private final Outbox outbox;

    Exports(Outbox outbox) {
        this.outbox = outbox;
    }

    void export(ExportRequest request) {
        int id = request.getId();
        try {
            // At the size the cutout was made: smaller than the file for photos past the size limits.
            RgbaImage photo = ImageCodec.decode(request.getFile(), request.getName(), request.getWidth(),
                    request.getHeight());
            int[] cutout = ImageCodec.decode(request.getPng(), "cutout").pixels;
            if (cutout.length != photo.width * photo.height) {
                throw new IllegalStateException("Expected a cutout of " + photo.width + "x" + photo.height
                        + ", got " + cutout.length + " pixels");
            }
            byte[] alpha = alphaOf(request, cutout);
            Rect frame = frame(request, alpha, photo.width, photo.height);
            String format = request.getFormat();
            Look look = Look.decode(request.getLook());
            RgbaImage out;
            if (!look.isPlain()) {
                out = staged(request, photo, cutout, alpha, frame, look, format);
            } else if ("mask".equals(format)) {
                out = maskImage(alpha, photo.width, frame);
            } else {
                // The background is laid out from the photo's own colours (a blur must be of the original) ...
                Compositor.Prepared background = Compositor.prepare(photo, background(request, format,
                        Math.max(request.getWidth(), request.getHeight())), frame);
                // ... and the subject is drawn in the cutout's colours: its soft edges without the old background.
                subjectColours(photo, cutout, alpha, !Js.isMissing(request.getAlpha()));
                cutout = null;
                int[] pixels = new int[frame.width * frame.height];
                Compositor.composite(photo, alpha, background, frame, pixels, 0, frame.width);
                out = new RgbaImage(frame.width, frame.height, pixels);
            }
            outbox.exported(id, ImageCodec.encode(out, request.getName(), mimeType(format), quality(format)));
        } catch (Refusal e) {
            outbox.refused(id, "export", e);
        } catch (Throwable e) {
            outbox.failed(id, "export", new Problem(Problem.EXPORT_FAILED, String.valueOf(e.getMessage())));
        }
    }

    void zip(ZipRequest request) {
        try {
            JSArray<Blob> blobs = request.getBlobs();
            ZipWriter zip = new ZipWriter();
            for (int i = 0; i < blobs.getLength(); i++) {
                byte[] bytes = ArrayTransfer.copyOf(new Int8Array(Promises.await(blobs.get(i).arrayBuffer(),
                        "Reading an export")));
                zip.add(request.getNames().get(i).stringValue(), bytes);
            }
            // Chunks go into the Blob as they are: no single copy of the whole archive is made.
            JSArray<JSObject> parts = new JSArray<>();
            for (byte[] chunk : zip.finish()) {
                parts.push(ArrayTransfer.copyOf(chunk));
            }
            outbox.zipped(request.getId(), new Blob(parts));
        } catch (Throwable e) {
            outbox.failed(request.getId(), "zip", new Problem(Problem.ZIP_FAILED, String.valueOf(e.getMessage())));
        }
    }

    /**
     * The output on a size preset's canvas, with shadows and outline ({@link Staging}, as the page's preview). The
     * photo takes the cutout's colours first, so a blurred background is of those colours: they differ from the
     * photo's only in the subject's soft edge, which the blur spreads to nothing. The mask alone is the subject's
     * mask on the canvas (no shadow or outline), where the image export puts the subject.
     */
    private static RgbaImage staged(ExportRequest request, RgbaImage photo, int[] cutout, byte[] alpha, Rect frame,
            Look look, String format) {
        subjectColours(photo, cutout, alpha, !Js.isMissing(request.getAlpha()));
        Staging.Staged s = look.stage(photo, alpha, frame);
        if ("mask".equals(format)) {
            return maskImage(s.alpha, s.canvas.width, new Rect(0, 0, s.canvas.width, s.canvas.height));
        }
        return Look.render(s, longer -> background(request, format, longer));
    }

    /**
     * Gives the photo the cutout's colours where it shows anything, and a soft edge that the user's edits made the
     * colour of the subject beside it ({@link EdgeColours}, as the editor shows it).
     */
    private static void subjectColours(RgbaImage photo, int[] cutout, byte[] alpha, boolean edited) {
        Compositor.takeForeground(photo.pixels, cutout);
        if (edited) {
            EdgeColours.apply(photo.pixels, alpha, MaskStats.alphaOf(cutout), photo.width, photo.height);
        }
    }

    /** The mask to export: the user's edits, else the cutout's own alpha. */
    private static byte[] alphaOf(ExportRequest request, int[] cutout) {
        byte[] alpha = Js.isMissing(request.getAlpha()) ? MaskStats.alphaOf(cutout)
                : ArrayTransfer.copyOf(new Int8Array(request.getAlpha()));
        if (alpha.length != cutout.length) {
            throw new IllegalStateException("Expected a mask of " + cutout.length + " pixels, got " + alpha.length);
        }
        return alpha;
    }

    private static Rect frame(ExportRequest request, byte[] alpha, int width, int height) {
        Rect whole = new Rect(0, 0, width, height);
        if (request.getCropMargin() < 0) {
            return whole;
        }
        Rect bounds = Crop.subjectBounds(alpha, width, height, 128);
        return bounds == null ? whole : Crop.withMargin(bounds, width, height, request.getCropMargin(),
                request.getCropAspect());
    }

    /** @param longer the output's longer side, which a blur's radius is a share of */
    private static Background background(ExportRequest request, String format, int longer) {
        String kind = request.getBackground();
        if ("color".equals(kind) || ("jpeg".equals(format) && ("transparent".equals(kind) || kind == null))) {
            // JPEG has no alpha: a transparent background becomes the chosen colour (white by default).
            int rgb = parseColor("color".equals(kind) ? request.getColor() : "#ffffff");
            return Background.color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        }
        if ("image".equals(kind) && !Js.isMissing(request.getBackgroundImage())) {
            return Background.image(ImageCodec.decode(request.getBackgroundImage(), "background"));
        }
        if ("blur".equals(kind)) {
            return Background.blur(Math.max(1, request.getBlur() * longer));
        }
        return Background.transparent();
    }

    static int parseColor(String css) {
        if (css == null || css.length() != 7 || css.charAt(0) != '#') {
            return 0xFFFFFF;
        }
        try {
            return Integer.parseInt(css.substring(1), 16);
        } catch (NumberFormatException e) {
            return 0xFFFFFF;
        }
    }

    private static RgbaImage maskImage(byte[] alpha, int width, Rect frame) {
        int[] out = new int[frame.width * frame.height];
        for (int y = 0; y < frame.height; y++) {
            int src = (frame.y + y) * width + frame.x;
            int dst = y * frame.width;
            for (int x = 0; x < frame.width; x++) {
                int a = alpha[src + x] & 0xFF;
                out[dst + x] = RgbaImage.pack(a, a, a, 255);
            }
        }
        return new RgbaImage(frame.width, frame.height, out);
    }

    private static String mimeType(String format) {
        switch (format) {
            case "jpeg":
                return "image/jpeg";
            case "webp":
                return "image/webp";
            default:
                return "image/png";
        }
    }

    private static double quality(String format) {
        return "jpeg".equals(format) ? JPEG_QUALITY : WEBP_QUALITY;
    }
}

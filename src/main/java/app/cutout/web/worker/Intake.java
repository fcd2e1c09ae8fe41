package app.cutout.web.worker;

import app.cutout.core.image.ImageHeader;
import app.cutout.core.image.ImageLimits;
import app.cutout.core.image.Refusal;
import org.teavm.jso.file.Blob;

/**
 * Looks at a file before it is decoded: refuses what is empty, a drawing or too large to open, and decides the size
 * to decode the rest at. The size comes from the file's header ({@link ImageHeader}), so a decompression bomb is
 * refused from its first bytes.
 */
final class Intake {
    private Intake() {
    }

    /** How to decode one file. */
    static final class Plan {
        final ImageHeader header;
        /** Size to decode at, after EXIF orientation; 0 when the header did not tell (then checked after decoding). */
        final int width;
        final int height;
        /** True when {@link #width} × {@link #height} is a smaller copy of a larger photo. */
        final boolean downscaled;

        Plan(ImageHeader header, int width, int height, boolean downscaled) {
            this.header = header;
            this.width = width;
            this.height = height;
            this.downscaled = downscaled;
        }
    }

    /**
     * @param wantedWidth a smaller size the user accepted (after a {@link Refusal#TOO_LARGE} offer); 0 for none
     * @throws RefusedImageException for an empty file, an SVG, or a size past {@link ImageLimits}
     */
    static Plan check(Blob file, String name, int wantedWidth, int wantedHeight) {
        if (file.getSize() == 0) {
            throw new RefusedImageException(Refusal.EMPTY, name, file.getType());
        }
        ImageHeader header = ImageHeader.read(new BlobSource(file));
        if (header.format == ImageHeader.Format.SVG) {
            throw new RefusedImageException(Refusal.SVG, name, "image/svg+xml");
        }
        if (!header.knowsSize()) {
            // An unknown or damaged header: the browser may still decode it; its size is checked afterwards.
            boolean wanted = wantedWidth > 0 && wantedHeight > 0;
            return new Plan(header, wanted ? wantedWidth : 0, wanted ? wantedHeight : 0, wanted);
        }
        int width = header.displayWidth();
        int height = header.displayHeight();
        int[] size = size(width, height, name, formatOf(header, file), wantedWidth, wantedHeight);
        return new Plan(header, size[0], size[1], size[0] != width || size[1] != height);
    }

    /**
     * The size to process a {@code width × height} photo at: the wanted smaller size when the user accepted one,
     * else its own when within {@link ImageLimits}, else a refusal (with the offer, where one can be made).
     */
    static int[] size(int width, int height, String name, String format, int wantedWidth, int wantedHeight) {
        ImageLimits.Verdict verdict = ImageLimits.judge(width, height);
        if (verdict == ImageLimits.Verdict.TOO_LARGE_TO_OPEN) {
            throw new RefusedImageException(Refusal.TOO_LARGE_TO_OPEN, name, format, width, height, 0, 0);
        }
        // A smaller size is also accepted within the limits: a browser that cannot draw the photo offers one.
        if (wantedWidth > 0 && wantedHeight > 0 && wantedWidth <= width && wantedHeight <= height
                && ImageLimits.judge(wantedWidth, wantedHeight) == ImageLimits.Verdict.FULL) {
            return new int[] {wantedWidth, wantedHeight};
        }
        if (verdict == ImageLimits.Verdict.FULL) {
            return new int[] {width, height};
        }
        int[] fit = ImageLimits.fit(width, height);
        String code = verdict == ImageLimits.Verdict.TOO_MANY_PIXELS ? Refusal.TOO_LARGE : Refusal.TOO_LONG;
        throw new RefusedImageException(code, name, format, width, height, fit[0], fit[1]);
    }

    /** Why the browser could not decode a file, from what its header showed. */
    static RefusedImageException undecodable(Blob file, String name, ImageHeader header) {
        if (header.format == ImageHeader.Format.UNKNOWN) {
            return new RefusedImageException(Refusal.UNREADABLE, name, file.getType());
        }
        if (header.format == ImageHeader.Format.HEIC && !header.truncated) {
            return new RefusedImageException(Refusal.HEIC, name, "HEIC");
        }
        return new RefusedImageException(header.truncated ? Refusal.INCOMPLETE : Refusal.DAMAGED, name,
                formatOf(header, file));
    }

    static String formatOf(ImageHeader header, Blob file) {
        return header.format != ImageHeader.Format.UNKNOWN ? header.format.label : file.getType();
    }
}

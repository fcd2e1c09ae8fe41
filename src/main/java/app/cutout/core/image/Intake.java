package app.cutout.core.image;

/**
 * Looks at a file before it is decoded: refuses what is empty, a drawing or too large to open, and decides the size
 * to decode the rest at. The size comes from the file's header ({@link ImageHeader}), so a decompression bomb is
 * refused from its first bytes. The host reads only the bytes this asks for ({@link PhotoSource#bytes()}).
 */
public final class Intake {
    private Intake() {
    }

    /** How to decode one file. */
    public static final class Plan {
        public final ImageHeader header;
        /** Size to decode at, after EXIF orientation; 0 when the header did not tell (then checked after decoding). */
        public final int width;
        public final int height;
        /** True when {@link #width} × {@link #height} is a smaller copy of a larger photo. */
        public final boolean downscaled;
        /** The device's memory in GB as reported, 0 if unknown: a size known only after decoding is judged by it. */
        final double deviceMemoryGb;

        Plan(ImageHeader header, int width, int height, boolean downscaled, double deviceMemoryGb) {
            this.header = header;
            this.width = width;
            this.height = height;
            this.downscaled = downscaled;
            this.deviceMemoryGb = deviceMemoryGb;
        }
    }

    /** {@link #check(PhotoSource, int, int, double)} on a device that did not report its memory. */
    public static Plan check(PhotoSource file, int wantedWidth, int wantedHeight) {
        return check(file, wantedWidth, wantedHeight, 0);
    }

    /**
     * @param wantedWidth a smaller size the user accepted (after a {@link Refusal#TOO_LARGE} offer); 0 for none
     * @param deviceMemoryGb the device's memory in GB as the browser reported it ({@code navigator.deviceMemory}),
     *     which may lower the full-resolution limit ({@link ImageLimits#maxPixels(double)}); 0 when unknown
     * @throws Refusal for an empty file, an SVG, or a size past {@link ImageLimits}
     */
    public static Plan check(PhotoSource file, int wantedWidth, int wantedHeight, double deviceMemoryGb) {
        ByteSource bytes = file.bytes();
        if (bytes.size() == 0) {
            throw new Refusal(Refusal.EMPTY, file.name(), file.mimeType());
        }
        ImageHeader header = ImageHeader.read(bytes);
        if (header.format == ImageHeader.Format.SVG) {
            throw new Refusal(Refusal.SVG, file.name(), "image/svg+xml");
        }
        if (!header.knowsSize()) {
            // An unknown or damaged header: the browser may still decode it; its size is checked afterwards.
            boolean wanted = wantedWidth > 0 && wantedHeight > 0;
            return new Plan(header, wanted ? wantedWidth : 0, wanted ? wantedHeight : 0, wanted, deviceMemoryGb);
        }
        int width = header.displayWidth();
        int height = header.displayHeight();
        int[] size = size(width, height, file.name(), formatOf(header, file), wantedWidth, wantedHeight,
                deviceMemoryGb);
        return new Plan(header, size[0], size[1], size[0] != width || size[1] != height, deviceMemoryGb);
    }

    /**
     * The size to process a {@code width × height} photo at: the wanted smaller size when the user accepted one,
     * else its own when within {@link ImageLimits} (the full-resolution limit lowered for a device with little
     * memory), else a refusal (with the offer, where one can be made). An offer lowered because of the device's
     * memory is a {@link Refusal#TOO_LARGE_FOR_MEMORY}, so the page can say why it is smaller than usual.
     *
     * @param deviceMemoryGb the device's memory in GB as the browser reported it; 0 when unknown
     */
    public static int[] size(int width, int height, String name, String format, int wantedWidth, int wantedHeight,
            double deviceMemoryGb) {
        long maxPixels = ImageLimits.maxPixels(deviceMemoryGb);
        ImageLimits.Verdict verdict = ImageLimits.judge(width, height, maxPixels);
        if (verdict == ImageLimits.Verdict.TOO_LARGE_TO_OPEN) {
            throw new Refusal(Refusal.TOO_LARGE_TO_OPEN, name, format, width, height, 0, 0, deviceMemoryGb);
        }
        // A smaller size is also accepted within the limits: a browser that cannot draw the photo offers one.
        if (wantedWidth > 0 && wantedHeight > 0 && wantedWidth <= width && wantedHeight <= height
                && ImageLimits.judge(wantedWidth, wantedHeight, maxPixels) == ImageLimits.Verdict.FULL) {
            return new int[] {wantedWidth, wantedHeight};
        }
        if (verdict == ImageLimits.Verdict.FULL) {
            return new int[] {width, height};
        }
        int[] fit = ImageLimits.fit(width, height, maxPixels, ImageLimits.MAX_SIDE);
        String code = verdict == ImageLimits.Verdict.TOO_LONG ? Refusal.TOO_LONG
                : maxPixels < ImageLimits.MAX_PIXELS ? Refusal.TOO_LARGE_FOR_MEMORY : Refusal.TOO_LARGE;
        throw new Refusal(code, name, format, width, height, fit[0], fit[1], deviceMemoryGb);
    }

    /** Checks a size only known after decoding (the header did not tell). */
    public static void checkDecoded(Plan plan, PhotoSource file, int width, int height) {
        if (plan.width == 0) {
            size(width, height, file.name(), formatOf(plan.header, file), 0, 0, plan.deviceMemoryGb);
        }
    }

    /** Why the host could not decode a file, from what its header showed. */
    public static Refusal undecodable(PhotoSource file, ImageHeader header) {
        if (header.format == ImageHeader.Format.UNKNOWN) {
            return new Refusal(Refusal.UNREADABLE, file.name(), file.mimeType());
        }
        if (header.format == ImageHeader.Format.HEIC && !header.truncated) {
            return new Refusal(Refusal.HEIC, file.name(), "HEIC");
        }
        return new Refusal(header.truncated ? Refusal.INCOMPLETE : Refusal.DAMAGED, file.name(),
                formatOf(header, file));
    }

    public static String formatOf(ImageHeader header, PhotoSource file) {
        return header.format != ImageHeader.Format.UNKNOWN ? header.format.label : file.mimeType();
    }
}

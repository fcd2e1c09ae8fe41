package app.cutout.core.image;

/**
 * A file Cutout does not process, and why: a code that {@code core.text.Texts} words in the user's language (key
 * {@code error.CODE}), the file's name and format, and for photos past the size limits their size and the smaller
 * size offered. {@link #getMessage} is the code and values, for logs only.
 *
 * <p>Placeholders, in {@link #args} order: {@code {0}} file name, {@code {1}} format or MIME type, {@code {2}} width,
 * {@code {3}} height, {@code {4}} megapixels, {@code {5}} offered width, {@code {6}} offered height, {@code {7}}
 * full-resolution limit in megapixels (this device's: {@link ImageLimits#maxPixels(double)}), {@code {8}} longest
 * side, {@code {9}} open limit in megapixels, {@code {10}} the device's memory in GB as the browser reported it.
 */
public final class Refusal extends RuntimeException {
    public static final String EMPTY = "empty";
    public static final String UNREADABLE = "unreadable";
    public static final String SVG = "svg";
    /** A HEIC photo this browser cannot decode. */
    public static final String HEIC = "heic";
    public static final String INCOMPLETE = "incomplete";
    public static final String DAMAGED = "damaged";
    /** Over {@link ImageLimits#MAX_PIXELS}; a smaller copy is offered. */
    public static final String TOO_LARGE = "too-large";
    /** A side over {@link ImageLimits#MAX_SIDE}; a smaller copy is offered. */
    public static final String TOO_LONG = "too-long";
    /** Over {@link ImageLimits#MAX_OPEN_PIXELS}: not even decoded. */
    public static final String TOO_LARGE_TO_OPEN = "too-large-to-open";
    /** Within Cutout's limits, but this browser cannot draw a canvas that large; a smaller copy is offered. */
    public static final String TOO_LARGE_FOR_BROWSER = "too-large-for-browser";
    /**
     * Over the lower full-resolution limit of a device with little memory ({@link ImageLimits#maxPixels(double)});
     * a smaller copy within it is offered.
     */
    public static final String TOO_LARGE_FOR_MEMORY = "too-large-for-memory";

    /** Every code, for the page's translations. */
    public static final String[] CODES = {EMPTY, UNREADABLE, SVG, HEIC, INCOMPLETE, DAMAGED, TOO_LARGE, TOO_LONG,
        TOO_LARGE_TO_OPEN, TOO_LARGE_FOR_BROWSER, TOO_LARGE_FOR_MEMORY};

    public final String code;
    /** The file's name as the user knows it. */
    public final String name;
    /** The format's name or MIME type, for the message; may be empty. */
    public final String format;
    public final int width;
    public final int height;
    /** The smaller size offered, for {@link #offersSmallerCopy} codes; 0 otherwise. */
    public final int fitWidth;
    public final int fitHeight;
    /** The device's memory in GB as the browser reported it; 0 when it did not. */
    public final double deviceMemoryGb;

    public Refusal(String code, String name, String format, int width, int height, int fitWidth, int fitHeight) {
        this(code, name, format, width, height, fitWidth, fitHeight, 0);
    }

    /** @param deviceMemoryGb the device's memory in GB as the browser reported it; 0 when it did not */
    public Refusal(String code, String name, String format, int width, int height, int fitWidth, int fitHeight,
            double deviceMemoryGb) {
        super(code + " " + java.util.Arrays.toString(args(name, format, width, height, fitWidth, fitHeight,
                deviceMemoryGb)));
        this.code = code;
        this.name = name == null ? "" : name;
        this.format = format == null ? "" : format;
        this.width = width;
        this.height = height;
        this.fitWidth = fitWidth;
        this.fitHeight = fitHeight;
        this.deviceMemoryGb = deviceMemoryGb;
    }

    public Refusal(String code, String name, String format) {
        this(code, name, format, 0, 0, 0, 0);
    }

    /** The placeholder values of this refusal, in {@link #args} order. */
    public Object[] args() {
        return args(name, format, width, height, fitWidth, fitHeight, deviceMemoryGb);
    }


    /** True for codes that come with an offer to process a smaller copy. */
    public static boolean offersSmallerCopy(String code) {
        return TOO_LARGE.equals(code) || TOO_LONG.equals(code) || TOO_LARGE_FOR_BROWSER.equals(code)
                || TOO_LARGE_FOR_MEMORY.equals(code);
    }

    /** The placeholder values, in order, on a device that did not report its memory; see the class comment. */
    public static Object[] args(String name, String format, int width, int height, int fitWidth, int fitHeight) {
        return args(name, format, width, height, fitWidth, fitHeight, 0);
    }

    /** The placeholder values, in order; see the class comment. */
    public static Object[] args(String name, String format, int width, int height, int fitWidth, int fitHeight,
            double deviceMemoryGb) {
        return new Object[] {name, format == null || format.isEmpty() ? "?" : format, width, height,
            ImageLimits.megapixels((long) width * height), fitWidth, fitHeight,
            ImageLimits.megapixels(ImageLimits.maxPixels(deviceMemoryGb)), ImageLimits.MAX_SIDE,
            ImageLimits.MAX_OPEN_PIXELS / 1_000_000, ImageLimits.gigabytes(deviceMemoryGb)};
    }
}

package app.cutout.core.image;

/**
 * Why a file is not processed, as a code the page can translate plus the English sentence the worker sends along.
 * Both the worker and the page's English text come from {@link #english}, so they cannot drift apart.
 *
 * <p>Placeholders, in {@link #args} order: {@code {0}} file name, {@code {1}} format or MIME type, {@code {2}} width,
 * {@code {3}} height, {@code {4}} megapixels, {@code {5}} offered width, {@code {6}} offered height, {@code {7}}
 * full-resolution limit in megapixels, {@code {8}} longest side, {@code {9}} open limit in megapixels.
 */
public final class Refusal {
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

    /** Every code, for the page's translations. */
    public static final String[] CODES = {EMPTY, UNREADABLE, SVG, HEIC, INCOMPLETE, DAMAGED, TOO_LARGE, TOO_LONG,
        TOO_LARGE_TO_OPEN, TOO_LARGE_FOR_BROWSER};

    private Refusal() {
    }

    /** The English sentence for a code, with placeholders; null for an unknown code. */
    public static String english(String code) {
        switch (code) {
            case EMPTY:
                return "“{0}” is empty. Choose a photo file (JPEG, PNG, WebP, AVIF, GIF or BMP).";
            case UNREADABLE:
                return "“{0}” ({1}) is not an image this browser can decode. Choose a JPEG, PNG, WebP, AVIF, GIF or "
                        + "BMP photo, or convert it to one of those first.";
            case SVG:
                return "“{0}” is an SVG drawing, which Cutout cannot open: it removes backgrounds from photos. Save "
                        + "the drawing as a PNG and add that instead.";
            case HEIC:
                return "“{0}” is a HEIC photo (the format iPhones save in), which this browser cannot decode. "
                        + "Convert it to JPEG first (on a Mac: open it in Preview, File → Export, JPEG; on an iPhone: "
                        + "Settings → Camera → Formats → Most Compatible for new photos), then add the JPEG.";
            case INCOMPLETE:
                return "“{0}” is incomplete: the file ends before the image does, so it was probably not fully "
                        + "downloaded or copied. Download or copy it again, then add the new file.";
            case DAMAGED:
                return "“{0}” ({1}) is damaged: it starts like an image, but this browser cannot decode it. Open it "
                        + "in an image editor and save it again, then add the new file.";
            case TOO_LARGE:
                return "“{0}” is {2} × {3} pixels ({4} megapixels); Cutout works at full resolution up to {7} "
                        + "megapixels. Choose “Process at {5} × {6}” to remove the background from a smaller copy, or "
                        + "reduce the photo in an image editor first.";
            case TOO_LONG:
                return "“{0}” is {2} × {3} pixels; Cutout works on images up to {8} pixels on a side. Choose "
                        + "“Process at {5} × {6}” to remove the background from a smaller copy, or crop or reduce "
                        + "the image in an image editor first.";
            case TOO_LARGE_TO_OPEN:
                return "“{0}” is {2} × {3} pixels ({4} megapixels), more than this browser can open ({9} megapixels "
                        + "at most). Reduce it to {7} megapixels or less in an image editor, then add it again.";
            case TOO_LARGE_FOR_BROWSER:
                return "“{0}” is {2} × {3} pixels, more than this browser can draw. Choose “Process at {5} × {6}” "
                        + "to remove the background from a smaller copy, or use a browser on a computer.";
            default:
                return null;
        }
    }

    /** True for codes that come with an offer to process a smaller copy. */
    public static boolean offersSmallerCopy(String code) {
        return TOO_LARGE.equals(code) || TOO_LONG.equals(code) || TOO_LARGE_FOR_BROWSER.equals(code);
    }

    /** The placeholder values, in order; see the class comment. */
    public static Object[] args(String name, String format, int width, int height, int fitWidth, int fitHeight) {
        return new Object[] {name, format == null || format.isEmpty() ? "?" : format, width, height,
            ImageLimits.megapixels((long) width * height), fitWidth, fitHeight,
            ImageLimits.MAX_PIXELS / 1_000_000, ImageLimits.MAX_SIDE, ImageLimits.MAX_OPEN_PIXELS / 1_000_000};
    }

    /** Fills {@code {i}} placeholders; what {@code Texts.t} does on the page. */
    public static String fill(String template, Object... args) {
        String text = template;
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}

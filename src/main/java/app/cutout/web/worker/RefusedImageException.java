package app.cutout.web.worker;

import app.cutout.core.image.Refusal;

/** A file Cutout does not process, with the {@link Refusal} code and sizes the page needs to word it. */
final class RefusedImageException extends RuntimeException {
    final String code;
    /** The format's name or MIME type, for the message. */
    final String format;
    final int width;
    final int height;
    /** The smaller size offered, for {@link Refusal#offersSmallerCopy} codes; 0 otherwise. */
    final int fitWidth;
    final int fitHeight;

    RefusedImageException(String code, String name, String format, int width, int height, int fitWidth,
            int fitHeight) {
        super(Refusal.fill(Refusal.english(code), Refusal.args(name, format, width, height, fitWidth, fitHeight)));
        this.code = code;
        this.format = format == null ? "" : format;
        this.width = width;
        this.height = height;
        this.fitWidth = fitWidth;
        this.fitHeight = fitHeight;
    }

    RefusedImageException(String code, String name, String format) {
        this(code, name, format, 0, 0, 0, 0);
    }
}

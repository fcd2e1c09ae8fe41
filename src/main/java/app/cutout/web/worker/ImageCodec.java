package app.cutout.web.worker;

import app.cutout.core.image.RgbaImage;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.jso.browser.OffscreenContext2D;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/** Decodes image files to {@link RgbaImage} and encodes RGBA to PNG, with the browser's own codecs. */
final class ImageCodec {
    private ImageCodec() {
    }

    /** @throws UnreadableImageException when the browser cannot decode the file */
    static RgbaImage decode(Blob file, String name) {
        ImageBitmap bitmap;
        try {
            bitmap = Promises.await(Global.createImageBitmap(file, ImageBitmapOptions.exact()), "Decoding");
        } catch (JsException e) {
            throw new UnreadableImageException(file.getSize() == 0 ? "empty" : "unreadable",
                    describeUnreadable(file, name), file.getType());
        }
        try {
            int width = bitmap.getWidth();
            int height = bitmap.getHeight();
            OffscreenCanvas canvas = new OffscreenCanvas(width, height);
            OffscreenContext2D context = canvas.getContext("2d", OffscreenCanvas.ContextAttributes.readback());
            context.drawImage(bitmap, 0, 0);
            ImageData data = context.getImageData(0, 0, width, height);
            int[] pixels = new Int32Array(data.getData().getBuffer()).copyToJavaArray();
            return new RgbaImage(width, height, pixels);
        } finally {
            bitmap.close();
        }
    }

    static Blob encodePng(RgbaImage image) {
        return encode(image, "image/png", 1);
    }

    /** @param quality 0..1 for lossy formats; ignored for PNG */
    static Blob encode(RgbaImage image, String mimeType, double quality) {
        Int32Array packed = Int32Array.copyFromJavaArray(image.pixels);
        ImageData data = new ImageData(new Uint8ClampedArray(packed.getBuffer()), image.width, image.height);
        OffscreenCanvas canvas = new OffscreenCanvas(image.width, image.height);
        canvas.getContext("2d", OffscreenCanvas.ContextAttributes.readback()).putImageData(data, 0, 0);
        OffscreenCanvas.EncodeOptions options = OffscreenCanvas.EncodeOptions.of(mimeType);
        if (!"image/png".equals(mimeType)) {
            options.setQuality(quality);
        }
        return Promises.await(canvas.convertToBlob(options), "Encoding the " + mimeType + " file");
    }

    private static String describeUnreadable(Blob file, String name) {
        String type = file.getType();
        String what = name == null || name.isEmpty() ? "This file" : "\u201c" + name + "\u201d";
        if (file.getSize() == 0) {
            return what + " is empty. Choose a photo file (JPEG, PNG, WebP, AVIF, GIF or BMP).";
        }
        String format = type == null || type.isEmpty() ? "" : " (" + type + ")";
        return what + format + " is not an image this browser can decode. "
                + "Choose a JPEG, PNG, WebP, AVIF, GIF or BMP photo, or convert it to one of those first.";
    }

    /** The input could not be decoded; the message is for the user. */
    static final class UnreadableImageException extends RuntimeException {
        final String code;
        final String type;

        UnreadableImageException(String code, String message, String type) {
            super(message);
            this.code = code;
            this.type = type == null ? "" : type;
        }
    }
}

package app.cutout.web.worker;

import app.cutout.core.image.ImageHeader;
import app.cutout.core.image.ImageLimits;
import app.cutout.core.image.Intake;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.PhotoDecoder;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.jso.browser.OffscreenContext2D;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.BitmapPixels;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/**
 * Decodes image files to {@link RgbaImage} and encodes RGBA to PNG (or JPEG/WebP), with the browser's own codecs.
 *
 * <p>Memory: pixels cross between the browser and Java in strips ({@link BitmapPixels}), so a photo exists
 * at full size only as the decoded bitmap and the Java array (decoding), or the Java array and the canvas (encoding),
 * never also as a full-size {@code ImageData}. For 50 megapixels that is 400 MB at the peak instead of 800 MB.
 */
final class ImageCodec {
    /** The browser's decoder as the pipeline's: upright (EXIF), at the planned size, strip by strip. */
    static final PhotoDecoder DECODER = (photo, plan, reuse) -> decode((BlobPhoto) photo, plan, reuse);

    private ImageCodec() {
    }

    /** Decodes at the file's own size. */
    static RgbaImage decode(Blob file, String name) {
        return decode(file, name, 0, 0);
    }

    /**
     * @param wantedWidth a smaller size accepted for a photo past {@link ImageLimits}; 0 for the file's own
     * @throws Refusal when the file is refused or the browser cannot decode it
     */
    static RgbaImage decode(Blob file, String name, int wantedWidth, int wantedHeight) {
        BlobPhoto photo = new BlobPhoto(file, name);
        return decode(photo, Intake.check(photo, wantedWidth, wantedHeight), null);
    }

    /** @param reuse an array to decode into when it has exactly the photo's pixel count, else null */
    static RgbaImage decode(BlobPhoto photo, Intake.Plan plan, int[] reuse) {
        Blob file = photo.blob;
        ImageBitmapOptions options = ImageBitmapOptions.photo(file.getType(), plan.downscaled, plan.width,
                plan.height);
        ImageBitmap bitmap;
        try {
            bitmap = Promises.await(Global.createImageBitmap(file, options), "Decoding");
        } catch (JsException e) {
            throw Intake.undecodable(photo, plan.header);
        }
        try {
            int width = bitmap.getWidth();
            int height = bitmap.getHeight();
            // The header gave no size: check the decoded one before any full-size buffer is made.
            Intake.checkDecoded(plan, photo, width, height);
            return new RgbaImage(width, height, BitmapPixels.read(bitmap, reuse,
                    plan.header.format == ImageHeader.Format.JPEG));
        } finally {
            bitmap.close();
        }
    }

    /** @param quality 0..1 for lossy formats; ignored for PNG */
    static Blob encode(RgbaImage image, String name, String mimeType, double quality) {
        return toBlob(draw(image, name), mimeType, quality);
    }

    /**
     * Draws the image into a canvas of its size, strip by strip. The caller can drop its last reference to the
     * image before {@link #toBlob}, so the Java array and the encoder's output never coexist.
     *
     * @throws Refusal ({@link Refusal#TOO_LARGE_FOR_BROWSER}) when this browser cannot make a canvas of that size
     */
    static OffscreenCanvas draw(RgbaImage image, String name) {
        int width = image.width;
        int height = image.height;
        OffscreenCanvas canvas = new OffscreenCanvas(width, height);
        OffscreenContext2D context = canvas.getContext("2d", OffscreenCanvas.ContextAttributes.readback());
        if (!works(context, width, height)) {
            canvas.setWidth(0);
            throw tooLargeForBrowser(name, width, height);
        }
        int rows = BitmapPixels.stripRows(width, height);
        for (int y = 0; y < height; y += rows) {
            int n = Math.min(rows, height - y);
            Int32Array strip = ArrayTransfer.ints(image.pixels, y * width, n * width);
            ImageData data = new ImageData(new Uint8ClampedArray(strip.getBuffer(), strip.getByteOffset(),
                    n * width * 4), width, n);
            context.putImageData(data, 0, y);
        }
        return canvas;
    }

    /** Encodes the canvas and frees its pixels. */
    static Blob toBlob(OffscreenCanvas canvas, String mimeType, double quality) {
        OffscreenCanvas.EncodeOptions options = OffscreenCanvas.EncodeOptions.of(mimeType);
        if (!"image/png".equals(mimeType)) {
            options.setQuality(quality);
        }
        try {
            return Promises.await(canvas.convertToBlob(options), "Encoding the " + mimeType + " file");
        } finally {
            canvas.setWidth(0);
        }
    }

    /**
     * A canvas past the browser's limits does not fail: it silently draws nothing, which would give a blank
     * result. One opaque pixel in the far corner shows whether it is real.
     */
    private static boolean works(OffscreenContext2D context, int width, int height) {
        context.fillRect(width - 1, height - 1, 1, 1);
        boolean ok = context.getImageData(width - 1, height - 1, 1, 1).getData().get(3) == 255;
        context.clearRect(width - 1, height - 1, 1, 1);
        return ok;
    }

    /**
     * This browser cannot draw an image of this size, though it is within {@link ImageLimits}: offers half the
     * pixels, as often as it takes.
     */
    static Refusal tooLargeForBrowser(String name, int width, int height) {
        int[] fit = ImageLimits.fit(width, height, (long) width * height / 2, ImageLimits.MAX_SIDE);
        return new Refusal(Refusal.TOO_LARGE_FOR_BROWSER, name, "", width, height, fit[0], fit[1]);
    }
}

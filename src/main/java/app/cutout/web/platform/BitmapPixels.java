package app.cutout.web.platform;

import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.jso.browser.OffscreenContext2D;
import app.cutout.web.jso.browser.VideoFrame;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * Copies a decoded bitmap into a Java array of packed RGBA, strip by strip, so the photo exists at full size only as
 * the bitmap and the Java array: never also as a full-size canvas and {@code ImageData} (for 50 megapixels that saves
 * 400 MB at the peak). Works on the page and in workers.
 *
 * <p>An opaque bitmap is copied with WebCodecs ({@code VideoFrame.copyTo} as RGBA) where the browser can: for a
 * 12 MP JPEG 11–26 ms instead of 200–210 ms through a canvas ({@code drawImage} and {@code getImageData} per strip),
 * with identical pixels; a browser whose copy is slow (Firefox, see {@link #SLOW_STRIP_MS}) takes the canvas after one
 * strip. Anything with alpha takes the canvas, whose unpremultiplied read-back is what the rest of
 * Cutout expects.
 */
public final class BitmapPixels {
    /** Pixels per strip: 4 MB of RGBA. */
    public static final int STRIP_PIXELS = 1 << 20;

    /** Whether {@code VideoFrame.copyTo} converts to RGBA here, and fast; null until first asked. */
    private static Boolean videoFrames;

    /**
     * A strip copied with {@code VideoFrame.copyTo} slower than this means the browser converts the whole frame for
     * every strip: Firefox ESR 153 takes 85–95 ms per 4 MB strip of a 12 MP JPEG (1.1 s for the photo) where its canvas
     * path takes 100 ms for all of it; Chromium 156 takes 1–2 ms per strip. Past this, the canvas path (at most
     * ~17 ms a strip in either) is surely faster, so it takes over for the rest of the photo and from then on.
     */
    static final double SLOW_STRIP_MS = 25;

    private BitmapPixels() {
    }

    /** Rows per strip for a given width: about {@link #STRIP_PIXELS} pixels, at least one row. */
    public static int stripRows(int width, int height) {
        return Math.max(1, Math.min(height, STRIP_PIXELS / width));
    }

    /** The bitmap's pixels, {@code (a << 24) | (b << 16) | (g << 8) | r}, rows top to bottom. */
    public static int[] read(ImageBitmap bitmap) {
        return read(bitmap, null, false);
    }

    /**
     * As {@link #read(ImageBitmap)}, into {@code reuse} when it has exactly the bitmap's pixel count (every element
     * is overwritten); a new array otherwise. Allocating 48 MB for a 12 MP photo costs 130–180 ms in Chromium, more
     * than reading the pixels.
     *
     * @param opaque the caller knows the image has no alpha (a JPEG), so the faster copy may be tried; it is used only
     *     when the browser also reports an opaque frame
     */
    public static int[] read(ImageBitmap bitmap, int[] reuse, boolean opaque) {
        int width = bitmap.getWidth();
        int height = bitmap.getHeight();
        int rows = stripRows(width, height);
        int[] pixels = reuse != null && reuse.length == width * height ? reuse : new int[width * height];
        int done = opaque ? copiedAsVideoFrame(bitmap, pixels, width, height, rows) : 0;
        if (done == height) {
            return pixels;
        }
        OffscreenCanvas strip = new OffscreenCanvas(width, rows);
        OffscreenContext2D context = strip.getContext("2d", OffscreenCanvas.ContextAttributes.readback());
        for (int y = done; y < height; y += rows) {
            int n = Math.min(rows, height - y);
            // Cleared first: drawing blends, and a transparent photo would show the previous strip through.
            context.clearRect(0, 0, width, n);
            context.drawImage(bitmap, 0, y, width, n, 0, 0, width, n);
            ImageData data = context.getImageData(0, 0, width, n);
            ArrayTransfer.copy(new Int32Array(data.getData().getBuffer()), pixels, y * width);
        }
        strip.setWidth(0);
        return pixels;
    }

    /**
     * Copies rows from the top with {@code VideoFrame.copyTo}: all of them, or none when this browser cannot or the
     * frame has alpha, or only the first strip when that strip was slow ({@link #SLOW_STRIP_MS}).
     *
     * @return the number of rows copied
     */
    private static int copiedAsVideoFrame(ImageBitmap bitmap, int[] pixels, int width, int height, int rows) {
        if (videoFrames == null) {
            videoFrames = VideoFrame.copiesToRgba();
        }
        if (!videoFrames) {
            return 0;
        }
        VideoFrame frame;
        try {
            frame = new VideoFrame(bitmap, VideoFrame.Init.still());
        } catch (RuntimeException e) {
            videoFrames = false;
            return 0;
        }
        try {
            String format = frame.getFormat();
            if (!"BGRX".equals(format) && !"RGBX".equals(format)) {
                return 0;
            }
            // A buffer of the page's own, not ArrayTransfer's: other code (a brush stroke's repaint) may run while a
            // copy is awaited, and ArrayTransfer's views are only good until its next call.
            Int32Array strip = new Int32Array(width * rows);
            for (int y = 0; y < height; y += rows) {
                int n = Math.min(rows, height - y);
                Int32Array part = n == rows ? strip : new Int32Array(strip.getBuffer(), 0, width * n);
                double start = Performance.now();
                Promises.await(frame.copyTo(part, VideoFrame.CopyOptions.rgbaRows(width, y, n)), "Reading pixels");
                ArrayTransfer.copy(part, pixels, y * width);
                if (y == 0 && n < height && Performance.now() - start > SLOW_STRIP_MS) {
                    videoFrames = false;
                    return n;
                }
            }
            return height;
        } catch (RuntimeException e) {
            // Not this browser's way after all: the canvas path rewrites every pixel, now and from now on.
            videoFrames = false;
            return 0;
        } finally {
            frame.close();
        }
    }
}

package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.ImageData;

/** The slice of {@code OffscreenCanvasRenderingContext2D} used for pixel transfer. */
public interface OffscreenContext2D extends JSObject {
    void drawImage(ImageBitmap image, int x, int y);

    /** Draws the source rectangle {@code (sx, sy, w, h)} of the image at {@code (dx, dy)}, unscaled. */
    void drawImage(ImageBitmap image, int sx, int sy, int w, int h, int dx, int dy, int dw, int dh);

    void clearRect(int x, int y, int width, int height);

    void fillRect(int x, int y, int width, int height);

    ImageData getImageData(int x, int y, int width, int height);

    void putImageData(ImageData data, int x, int y);
}

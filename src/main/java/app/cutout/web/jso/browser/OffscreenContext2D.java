package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.ImageData;

/** The slice of {@code OffscreenCanvasRenderingContext2D} used for pixel transfer. */
public interface OffscreenContext2D extends JSObject {
    void drawImage(ImageBitmap image, int x, int y);

    ImageData getImageData(int x, int y, int width, int height);

    void putImageData(ImageData data, int x, int y);
}

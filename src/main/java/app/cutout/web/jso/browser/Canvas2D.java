package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/** The slice of a page canvas's 2D context used by the editor. */
public interface Canvas2D extends JSObject {
    void drawImage(ImageBitmap image, int x, int y);

    void drawImage(ImageBitmap image, int x, int y, int width, int height);

    /** A rectangle of another canvas, scaled into a rectangle of this one. */
    void drawImage(HTMLCanvasElement image, double sx, double sy, double sw, double sh, double dx, double dy,
            double dw, double dh);

    ImageData getImageData(int x, int y, int width, int height);

    void putImageData(ImageData data, int x, int y);

    void clearRect(int x, int y, int width, int height);

    @JSProperty
    void setGlobalCompositeOperation(String operation);

    @JSProperty
    void setImageSmoothingQuality(String quality);
    void beginPath();

    void moveTo(double x, double y);

    void lineTo(double x, double y);

    void stroke();

    @JSProperty
    void setLineWidth(double width);

    @JSProperty
    void setStrokeStyle(String style);

    @JSProperty
    void setLineCap(String cap);

    @JSProperty
    void setLineJoin(String join);
}

package app.cutout.web.app;

import org.teavm.jso.dom.events.WheelEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.TextRectangle;

/**
 * The editor's view transform: zoom and pan of the photo's stage inside the viewport, as one CSS transform. Wheel
 * and the zoom buttons drive it here; the brush pans with it and maps the pointer through it.
 */
final class EditorZoom {
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 16;

    private final HTMLElement viewport;
    private final HTMLElement stage;
    private final HTMLCanvasElement canvas;
    /** The photo's size; 0 while none is shown. */
    private int width;
    private int height;
    private double scale = 1;
    private double tx;
    private double ty;

    EditorZoom(HTMLDocument document) {
        viewport = document.getElementById("viewport");
        stage = document.getElementById("stage");
        canvas = (HTMLCanvasElement) document.getElementById("cutout-canvas");
        viewport.addEventListener("wheel", event -> {
            WheelEvent e = (WheelEvent) event;
            e.preventDefault();
            TextRectangle box = viewport.getBoundingClientRect();
            zoomAt(Math.exp(-e.getDeltaY() * 0.0015), e.getClientX() - box.getLeft(), e.getClientY() - box.getTop());
        });
        document.getElementById("zoom-in").addEventListener("click", event -> zoomCentre(1.25));
        document.getElementById("zoom-out").addEventListener("click", event -> zoomCentre(0.8));
        document.getElementById("zoom-fit").addEventListener("click", event -> fit());
        document.getElementById("zoom-100").addEventListener("click", event -> actualSize());
    }

    /** Sizes the stage for a photo of {@code width x height}; {@link #fit} then places it. */
    void show(int width, int height) {
        this.width = width;
        this.height = height;
        stage.getStyle().setCssText("width:" + width + "px;height:" + height + "px");
    }

    /** No photo any more: zooming and panning do nothing until the next {@link #show}. */
    void clear() {
        width = 0;
        height = 0;
    }

    /** Screen pixels per image pixel. */
    double scale() {
        return scale;
    }

    void fit() {
        if (width == 0) {
            return;
        }
        TextRectangle box = viewport.getBoundingClientRect();
        double s = Math.min(box.getWidth() / (double) width, box.getHeight() / (double) height);
        scale = clampScale(s);
        tx = (box.getWidth() - width * scale) / 2;
        ty = (box.getHeight() - height * scale) / 2;
        applyTransform();
    }

    void zoomAt(double factor, double viewX, double viewY) {
        if (width == 0) {
            return;
        }
        double next = clampScale(scale * factor);
        // Keep the image point under (viewX, viewY) fixed.
        tx = viewX - (viewX - tx) * (next / scale);
        ty = viewY - (viewY - ty) * (next / scale);
        scale = next;
        applyTransform();
    }

    void zoomCentre(double factor) {
        TextRectangle box = viewport.getBoundingClientRect();
        zoomAt(factor, box.getWidth() / 2, box.getHeight() / 2);
    }

    void actualSize() {
        TextRectangle box = viewport.getBoundingClientRect();
        zoomAt(1 / scale, box.getWidth() / 2, box.getHeight() / 2);
    }

    void pan(double dx, double dy) {
        if (width == 0) {
            return;
        }
        tx += dx;
        ty += dy;
        applyTransform();
    }

    /** Image coordinates of a point given in the page's client coordinates. */
    double[] toImage(double clientX, double clientY) {
        TextRectangle box = viewport.getBoundingClientRect();
        return new double[] {(clientX - box.getLeft() - tx) / scale, (clientY - box.getTop() - ty) / scale};
    }

    private static double clampScale(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private void applyTransform() {
        stage.getStyle().setCssText("width:" + width + "px;height:" + height + "px;transform:translate("
                + tx + "px," + ty + "px) scale(" + scale + ")");
        // Pixels stay crisp when zoomed in past 100%, smooth when zoomed out.
        canvas.setClassName(scale >= 2 ? "cutout-canvas pixelated" : "cutout-canvas");
        viewport.setAttribute("data-zoom", Long.toString(Math.round(scale * 100)));
    }
}

package app.cutout.web.app;

import app.cutout.web.jso.browser.ClientEdges;
import app.cutout.web.jso.browser.DomRect;
import app.cutout.web.jso.browser.ResizeObserver;
import org.teavm.jso.dom.events.WheelEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The editor's view transform: zoom and pan of the photo's stage inside the viewport, as one CSS transform. Wheel
 * and the zoom buttons drive it here; the brush pans and pinch-zooms with it and maps the pointer through it. A photo
 * that is fitted into the viewport is fitted again when the viewport changes size (the window resized, a phone or
 * tablet turned), until the user zooms.
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
    /** The view is the fitted one, or only panned since: a new viewport size fits it again. */
    private boolean fitted;

    EditorZoom(HTMLDocument document) {
        viewport = document.getElementById("viewport");
        stage = document.getElementById("stage");
        canvas = (HTMLCanvasElement) document.getElementById("cutout-canvas");
        viewport.addEventListener("wheel", event -> {
            WheelEvent e = (WheelEvent) event;
            e.preventDefault();
            double[] at = toViewport(e.getClientX(), e.getClientY());
            zoomAt(Math.exp(-e.getDeltaY() * 0.0015), at[0], at[1]);
        });
        document.getElementById("zoom-in").addEventListener("click", event -> zoomCentre(1.25));
        document.getElementById("zoom-out").addEventListener("click", event -> zoomCentre(0.8));
        document.getElementById("zoom-fit").addEventListener("click", event -> fit());
        document.getElementById("zoom-100").addEventListener("click", event -> actualSize());
        // The viewport's size follows the window's (a resize, a phone turned) and the page's layout around it.
        new ResizeObserver(() -> {
            if (fitted) {
                fit();
            }
        }).observe(viewport);
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

    /**
     * The scale that fits the photo into the viewport's inside (its border left out: the stage is placed within it);
     * 0 while no photo is shown or the viewport has no size.
     */
    double fitScale() {
        if (width == 0) {
            return 0;
        }
        return Math.min(viewport.getClientWidth() / (double) width, viewport.getClientHeight() / (double) height);
    }

    void fit() {
        if (width == 0) {
            return;
        }
        scale = clampScale(fitScale());
        tx = (viewport.getClientWidth() - width * scale) / 2;
        ty = (viewport.getClientHeight() - height * scale) / 2;
        applyTransform();
        fitted = true;
    }

    void zoomAt(double factor, double viewX, double viewY) {
        pinch(viewX, viewY, viewX, viewY, factor);
    }

    /**
     * Zooms by {@code factor} and moves the image point that was under {@code (fromX, fromY)} to {@code (toX, toY)},
     * in viewport coordinates: two fingers' midpoint before and after a move, and how much their distance grew.
     */
    void pinch(double fromX, double fromY, double toX, double toY, double factor) {
        if (width == 0) {
            return;
        }
        double next = clampScale(scale * factor);
        if (factor != 1) {
            fitted = false;
        }
        tx = toX - (fromX - tx) * (next / scale);
        ty = toY - (fromY - ty) * (next / scale);
        scale = next;
        applyTransform();
    }

    /** Zooms around the centre of the viewport's inside. */
    void zoomCentre(double factor) {
        zoomAt(factor, viewport.getClientWidth() / 2.0, viewport.getClientHeight() / 2.0);
    }

    void actualSize() {
        zoomAt(1 / scale, viewport.getClientWidth() / 2.0, viewport.getClientHeight() / 2.0);
        fitted = false;
    }

    void pan(double dx, double dy) {
        if (width == 0) {
            return;
        }
        tx += dx;
        ty += dy;
        applyTransform();
    }

    /**
     * Viewport coordinates, in fractional CSS pixels, of a point given in the page's client coordinates: from the
     * corner of the viewport's inside, where the stage, its transform and the stroke trail start (the bounding box
     * includes the border, a pixel further out).
     */
    double[] toViewport(double clientX, double clientY) {
        DomRect box = DomRect.of(viewport);
        ClientEdges edges = ClientEdges.of(viewport);
        return new double[] {clientX - box.getLeft() - edges.getClientLeft(),
                clientY - box.getTop() - edges.getClientTop()};
    }

    /** Image coordinates of a point given in the page's client coordinates. */
    double[] toImage(double clientX, double clientY) {
        double[] p = toViewport(clientX, clientY);
        return new double[] {(p[0] - tx) / scale, (p[1] - ty) / scale};
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

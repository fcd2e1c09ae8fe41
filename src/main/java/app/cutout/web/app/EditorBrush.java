package app.cutout.web.app;

import app.cutout.core.edit.Brush;
import app.cutout.core.edit.Rect;
import app.cutout.web.jso.browser.PointerEvent;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The editor's tools and the pointer: Move pans; <b>Erase</b>, <b>Restore</b> and <b>Add</b> paint the open photo's
 * alpha ({@link Brush.Mode#ERASE}, {@link Brush.Mode#RESTORE}, {@link Brush.Mode#ADD}) at full resolution, one
 * segment per pointer move, each stroke one undo step. <b>Keep</b> and <b>Remove</b> strokes go to
 * {@link EditorStrokes}, which solves the alpha after each.
 *
 * <p>Mouse, pen and touch alike, through Pointer Events (the viewport has {@code touch-action: none}, so the browser
 * leaves fingers to this class): one pointer paints with a brush or pans with Move (or with a mouse's other buttons);
 * two fingers pinch-zoom around their midpoint and pan together, whatever the tool. A second finger that lands
 * during a stroke takes the stroke back, so a pinch never leaves paint. While a pen or a mouse is down, other pointers
 * are ignored.
 */
final class EditorBrush {
    private static final String[] TOOL_IDS = {"tool-pan", "tool-erase", "tool-restore", "tool-add", "tool-keep",
        "tool-remove"};

    private final HTMLDocument document;
    private final HTMLElement viewport;
    private final HTMLElement cursor;
    private final HTMLInputElement size;
    private final HTMLInputElement softness;
    private final EditorZoom zoom;
    private final Supplier<Item> photo;
    private final Consumer<Rect> repaint;
    private final Runnable afterStroke;
    private final EditorStrokes strokes;

    private String tool = "pan";
    private boolean stroking;
    private boolean panning;
    private boolean pinching;
    /** The stroke's last point, in image coordinates. */
    private double lastX;
    private double lastY;
    /** The pointers down on the viewport, at most two (a pinch), in the order they landed, and where they last were. */
    private final int[] ids = new int[2];
    private final double[] xs = new double[2];
    private final double[] ys = new double[2];
    private int pointers;
    /** Whether the first pointer down is a finger: only a second finger joins it, for a pinch. */
    private boolean firstIsTouch;

    /**
     * @param photo the open photo, or null
     * @param repaint shows a changed rectangle of the alpha
     * @param afterStroke called when a stroke has ended
     */
    EditorBrush(HTMLDocument document, EditorZoom zoom, EditorStrokes strokes, Supplier<Item> photo,
            Consumer<Rect> repaint, Runnable afterStroke) {
        this.document = document;
        this.strokes = strokes;
        this.zoom = zoom;
        this.photo = photo;
        this.repaint = repaint;
        this.afterStroke = afterStroke;
        viewport = document.getElementById("viewport");
        cursor = document.getElementById("brush-cursor");
        size = (HTMLInputElement) document.getElementById("brush-size");
        softness = (HTMLInputElement) document.getElementById("brush-softness");
        wire();
    }

    /** Checks the tool's radio button and uses the tool. */
    void select(String radioId) {
        HTMLInputElement radio = (HTMLInputElement) document.getElementById(radioId);
        radio.setChecked(true);
        setTool(radio.getValue());
    }

    /** The size slider's step down, for {@code [}. */
    void smaller() {
        size.setValue(Integer.toString((int) Math.max(2, Editor.parse(size.getValue(), 40) * 0.8)));
    }

    /** The size slider's step up, for {@code ]}. */
    void larger() {
        size.setValue(Integer.toString((int) Math.min(400, Editor.parse(size.getValue(), 40) * 1.25 + 1)));
    }

    private void setTool(String value) {
        tool = value;
        strokes.tool(value);
        viewport.setAttribute("data-tool", value);
        cursor.setHidden(!isBrush());
    }

    private boolean isBrush() {
        return "erase".equals(tool) || "restore".equals(tool) || "add".equals(tool) || EditorStrokes.owns(tool);
    }

    private double brushRadius() {
        return Math.max(1, Editor.parse(size.getValue(), 40)) / 2.0;
    }

    private double brushSoftness() {
        return Editor.parse(softness.getValue(), 50) / 100.0;
    }

    /**
     * Paints one segment in image coordinates. The undo stack doubles as the stroke's starting state, so a soft brush
     * moves each pixel by its largest coverage over the whole stroke instead of building up across segments.
     */
    private void paint(Item item, double x0, double y0, double x1, double y1) {
        Brush.Mode mode = "erase".equals(tool) ? Brush.Mode.ERASE
                : "restore".equals(tool) ? Brush.Mode.RESTORE : Brush.Mode.ADD;
        double radius = brushRadius();
        Rect dirty = Brush.segmentBounds(item.width, item.height, x0, y0, x1, y1, radius);
        if (dirty == null) {
            return;
        }
        item.undo.record(dirty);
        Rect changed = Brush.paintSegment(item.alpha, item.modelAlpha, item.width, item.height, x0, y0, x1, y1,
                radius, brushSoftness(), mode, 1f, item.undo);
        repaint.accept(changed);
    }

    private void wire() {
        viewport.addEventListener("pointerdown", event -> pointerDown((PointerEvent) event));
        viewport.addEventListener("pointermove", event -> pointerMove((PointerEvent) event));
        viewport.addEventListener("pointerup", event -> pointerUp((PointerEvent) event));
        viewport.addEventListener("pointercancel", event -> pointerUp((PointerEvent) event));
        viewport.addEventListener("pointerleave", event -> cursor.setHidden(true));
        viewport.addEventListener("pointerenter", event -> cursor.setHidden(!isBrush()));
        for (String id : TOOL_IDS) {
            HTMLInputElement radio = (HTMLInputElement) document.getElementById(id);
            radio.addEventListener("change", event -> setTool(radio.getValue()));
        }
    }

    private void pointerDown(PointerEvent e) {
        Item item = photo.get();
        if (indexOf(e.getPointerId()) >= 0) {
            // Its pointerup never came (the window lost focus mid-drag): what it was doing ends here.
            pointers = 0;
            pinching = false;
            endGesture();
        }
        boolean touch = "touch".equals(e.getPointerType());
        if (item == null || pointers == 2 || (pointers == 1 && !(touch && firstIsTouch))) {
            // A third finger changes nothing: the pinch goes on with the first two. Only fingers pinch: a palm that
            // rests on the screen while a pen draws (or a mouse drags) is left out.
            return;
        }
        if (pointers == 0) {
            firstIsTouch = touch;
        }
        ((PointerEvent.Capture) (JSObject) viewport).setPointerCapture(e.getPointerId());
        e.preventDefault();
        ids[pointers] = e.getPointerId();
        xs[pointers] = e.getClientX();
        ys[pointers] = e.getClientY();
        pointers++;
        if (pointers == 2) {
            startPinch(item);
            return;
        }
        viewport.focus();
        if (EditorStrokes.owns(tool) && e.getButton() == 0) {
            stroking = true;
            strokes.begin(tool, e.getClientX(), e.getClientY(), zoom.toImage(e.getClientX(), e.getClientY()),
                    brushRadius());
        } else if (isBrush() && e.getButton() == 0) {
            stroking = true;
            double[] p = zoom.toImage(e.getClientX(), e.getClientY());
            lastX = p[0];
            lastY = p[1];
            item.undo.begin(item.alpha);
            paint(item, lastX, lastY, lastX, lastY);
        } else {
            panning = true;
        }
    }

    /**
     * A second finger landed: two fingers zoom and pan, never paint. The first finger's stroke so far is taken back
     * without an undo step, so the pinch leaves the mask as it was.
     */
    private void startPinch(Item item) {
        if (stroking && strokes.drawing()) {
            stroking = false;
            strokes.cancel();
        } else if (stroking) {
            stroking = false;
            repaint.accept(item.undo.cancel());
        }
        panning = false;
        pinching = true;
        cursor.setHidden(true);
    }

    private void pointerMove(PointerEvent e) {
        int k = indexOf(e.getPointerId());
        if (k < 0) {
            // A mouse or pen hovering: only the brush's outline follows it.
            moveCursor(e);
            return;
        }
        double x = e.getClientX();
        double y = e.getClientY();
        if (pinching) {
            double fromX = (xs[0] + xs[1]) / 2;
            double fromY = (ys[0] + ys[1]) / 2;
            double fromSpan = Math.hypot(xs[0] - xs[1], ys[0] - ys[1]);
            xs[k] = x;
            ys[k] = y;
            double span = Math.hypot(xs[0] - xs[1], ys[0] - ys[1]);
            double[] from = zoom.toViewport(fromX, fromY);
            double[] to = zoom.toViewport((xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2);
            zoom.pinch(from[0], from[1], to[0], to[1], fromSpan > 0 && span > 0 ? span / fromSpan : 1);
            return;
        }
        moveCursor(e);
        double dx = x - xs[k];
        double dy = y - ys[k];
        xs[k] = x;
        ys[k] = y;
        if (stroking && strokes.drawing()) {
            strokes.extend(x, y, zoom.toImage(x, y));
        } else if (stroking) {
            double[] p = zoom.toImage(x, y);
            paint(photo.get(), lastX, lastY, p[0], p[1]);
            lastX = p[0];
            lastY = p[1];
        } else if (panning) {
            zoom.pan(dx, dy);
        }
    }

    private void pointerUp(PointerEvent e) {
        int k = indexOf(e.getPointerId());
        if (k < 0) {
            return;
        }
        pointers--;
        if (k == 0) {
            ids[0] = ids[1];
            xs[0] = xs[1];
            ys[0] = ys[1];
        }
        if (pinching) {
            // One finger left of a pinch moves the photo; it does not start painting halfway through a gesture.
            pinching = false;
            panning = pointers == 1;
        } else {
            endGesture();
        }
    }

    private int indexOf(int pointerId) {
        for (int k = 0; k < pointers; k++) {
            if (ids[k] == pointerId) {
                return k;
            }
        }
        return -1;
    }

    private void endGesture() {
        if (stroking && strokes.drawing()) {
            stroking = false;
            strokes.end();
        } else if (stroking) {
            stroking = false;
            photo.get().undo.end();
            afterStroke.run();
        }
        panning = false;
    }

    private void moveCursor(PointerEvent e) {
        if (!isBrush()) {
            return;
        }
        double[] at = zoom.toViewport(e.getClientX(), e.getClientY());
        double d = brushRadius() * 2 * zoom.scale();
        cursor.getStyle().setCssText("width:" + d + "px;height:" + d + "px;left:" + (at[0] - d / 2) + "px;top:"
                + (at[1] - d / 2) + "px");
    }
}

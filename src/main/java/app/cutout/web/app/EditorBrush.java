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
import org.teavm.jso.dom.html.TextRectangle;

/**
 * The editor's tools and the pointer: Move pans; <b>Erase</b>, <b>Restore</b> and <b>Add</b> paint the open photo's
 * alpha ({@link Brush.Mode#ERASE}, {@link Brush.Mode#RESTORE}, {@link Brush.Mode#ADD}) at full resolution, one
 * segment per pointer move, each stroke one undo step. <b>Keep</b> and <b>Remove</b> strokes go to
 * {@link EditorStrokes}, which solves the alpha after each.
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
    private double lastX;
    private double lastY;

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
        viewport.addEventListener("pointerdown", event -> {
            PointerEvent e = (PointerEvent) event;
            Item item = photo.get();
            if (item == null) {
                return;
            }
            ((PointerEvent.Capture) (JSObject) viewport).setPointerCapture(e.getPointerId());
            viewport.focus();
            double[] p = zoom.toImage(e.getClientX(), e.getClientY());
            lastX = p[0];
            lastY = p[1];
            if (EditorStrokes.owns(tool) && e.getButton() == 0) {
                stroking = true;
                strokes.begin(tool, e.getClientX(), e.getClientY(), p, brushRadius());
            } else if (isBrush() && e.getButton() == 0) {
                stroking = true;
                item.undo.begin(item.alpha);
                paint(item, lastX, lastY, lastX, lastY);
            } else {
                panning = true;
                lastX = e.getClientX();
                lastY = e.getClientY();
            }
            e.preventDefault();
        });
        viewport.addEventListener("pointermove", event -> {
            PointerEvent e = (PointerEvent) event;
            moveCursor(e);
            if (stroking && strokes.drawing()) {
                strokes.extend(e.getClientX(), e.getClientY(), zoom.toImage(e.getClientX(), e.getClientY()));
            } else if (stroking) {
                double[] p = zoom.toImage(e.getClientX(), e.getClientY());
                paint(photo.get(), lastX, lastY, p[0], p[1]);
                lastX = p[0];
                lastY = p[1];
            } else if (panning) {
                zoom.pan(e.getClientX() - lastX, e.getClientY() - lastY);
                lastX = e.getClientX();
                lastY = e.getClientY();
            }
        });
        viewport.addEventListener("pointerup", event -> endGesture());
        viewport.addEventListener("pointercancel", event -> endGesture());
        viewport.addEventListener("pointerleave", event -> cursor.setHidden(true));
        viewport.addEventListener("pointerenter", event -> cursor.setHidden(!isBrush()));
        for (String id : TOOL_IDS) {
            HTMLInputElement radio = (HTMLInputElement) document.getElementById(id);
            radio.addEventListener("change", event -> setTool(radio.getValue()));
        }
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
        TextRectangle box = viewport.getBoundingClientRect();
        double d = brushRadius() * 2 * zoom.scale();
        cursor.getStyle().setCssText("width:" + d + "px;height:" + d + "px;left:" + (e.getClientX() - box.getLeft()
                - d / 2) + "px;top:" + (e.getClientY() - box.getTop() - d / 2) + "px");
    }
}

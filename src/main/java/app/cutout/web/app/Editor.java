package app.cutout.web.app;

import app.cutout.core.edit.Brush;
import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.Crop;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.UndoStack;
import app.cutout.core.ops.MaskStats;
import app.cutout.web.jso.browser.Canvas2D;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.jso.browser.PointerEvent;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.BitmapPixels;
import app.cutout.web.platform.Promises;
import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.events.WheelEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.TextRectangle;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/**
 * The editor for one finished photo: full-resolution preview with zoom and pan, before/after comparison, brushes on
 * the alpha with undo/redo, and the live preview of background and crop.
 *
 * <p>Brushes: <b>Erase</b> makes pixels transparent; <b>Restore</b> brings back the model's alpha, so it undoes
 * erasing (or adding) where it passes without touching anything else; <b>Add</b> makes pixels opaque, for parts of the
 * subject the model missed.
 *
 * <p>Brush strokes are applied here, on the page's thread, at full resolution: a stroke touches only a small
 * rectangle, which is repainted alone, so brushing stays immediate even while the worker runs inference.
 */
final class Editor {
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 16;

    private final HTMLDocument document;
    private final HTMLElement section;
    private final HTMLElement viewport;
    private final HTMLElement stage;
    private final HTMLCanvasElement canvas;
    private final HTMLImageElement original;
    private final HTMLImageElement resultImage;
    private final HTMLElement bgLayer;
    private final HTMLImageElement bgImage;
    private final HTMLImageElement bgBlur;
    private final HTMLElement cropBox;
    private final HTMLElement cursor;
    private final HTMLElement undoButton;
    private final HTMLElement redoButton;
    private final HTMLInputElement size;
    private final HTMLInputElement softness;
    private final HTMLInputElement compare;
    private final Runnable onEdit;

    private Item item;
    private int[] pixels;
    /** One strip of {@link #repaint}'s output, kept between repaints: brush strokes repaint many small rectangles. */
    private int[] patch;
    private Canvas2D context;
    private double scale = 1;
    private double tx;
    private double ty;
    private String tool = "pan";
    private boolean stroking;
    private boolean panning;
    private double lastX;
    private double lastY;
    private int loadGeneration;
    /** The photo being decoded for display, between {@link #open} and the moment it shows; else null. */
    private Item loading;

    Editor(HTMLDocument document, Runnable onEdit) {
        this.document = document;
        this.onEdit = onEdit;
        section = document.getElementById("result");
        viewport = document.getElementById("viewport");
        stage = document.getElementById("stage");
        canvas = (HTMLCanvasElement) document.getElementById("cutout-canvas");
        original = (HTMLImageElement) document.getElementById("original-image");
        resultImage = (HTMLImageElement) document.getElementById("result-image");
        bgLayer = document.getElementById("bg-layer");
        bgImage = (HTMLImageElement) document.getElementById("bg-image");
        bgBlur = (HTMLImageElement) document.getElementById("bg-blur");
        cropBox = document.getElementById("crop-box");
        cursor = document.getElementById("brush-cursor");
        undoButton = document.getElementById("undo");
        redoButton = document.getElementById("redo");
        size = (HTMLInputElement) document.getElementById("brush-size");
        softness = (HTMLInputElement) document.getElementById("brush-softness");
        compare = (HTMLInputElement) document.getElementById("compare");
        wire();
    }

    Item item() {
        return item;
    }

    /**
     * Shows a finished photo: from the worker's bitmap when it is still there (no PNG to decode), else from its
     * PNG. Decoding runs off the event handler; the previous photo stays until it is ready.
     */
    void open(Item next) {
        if (next == loading) {
            // Asked again while it loads (its PNG arrived meanwhile): the load under way will show it.
            return;
        }
        loading = next;
        int generation = ++loadGeneration;
        new Thread(() -> {
            try {
                load(next, generation);
            } finally {
                if (generation == loadGeneration) {
                    loading = null;
                }
            }
        }).start();
    }

    /** The open photo's PNG has been written: the page's result image can point at it. */
    void saved(Item saved) {
        if (saved == item && saved.cutoutUrl != null) {
            resultImage.setSrc(saved.cutoutUrl);
        }
    }

    void close() {
        loadGeneration++;
        loading = null;
        item = null;
        pixels = null;
        section.setHidden(true);
    }

    private void load(Item next, int generation) {
        // A photo past the size limits was processed as a smaller copy: decode it at that size too.
        String type = next.file.getType();
        int[] rgb = decode(next.file, ImageBitmapOptions.photo(type, next.downscaled(), next.width, next.height),
                ImageBitmapOptions.isJpeg(type));
        int[] cutout;
        ImageBitmap preview = next.preview;
        if (preview != null) {
            next.preview = null;
            try {
                cutout = BitmapPixels.read(preview);
            } finally {
                preview.close();
            }
        } else {
            cutout = decode(next.cutoutPng, ImageBitmapOptions.exact(), false);
        }
        if (next.alpha == null) {
            next.modelAlpha = MaskStats.alphaOf(cutout);
            next.alpha = next.modelAlpha.clone();
            next.undo = new UndoStack(next.width, next.height);
        }
        // The refined edge colours (the old background taken out) where the cutout shows anything; the photo's
        // own colours elsewhere, for the restore brush.
        Compositor.takeForeground(rgb, cutout);
        if (generation != loadGeneration) {
            return;
        }
        item = next;
        pixels = rgb;
        canvas.setWidth(next.width);
        canvas.setHeight(next.height);
        context = (Canvas2D) canvas.getContext("2d");
        stage.getStyle().setCssText("width:" + next.width + "px;height:" + next.height + "px");
        original.setSrc(next.originalUrl);
        if (next.cutoutUrl != null) {
            resultImage.setSrc(next.cutoutUrl);
        }
        bgBlur.setSrc(next.originalUrl);
        repaint(new Rect(0, 0, next.width, next.height));
        section.setHidden(false);
        section.setAttribute("data-item", Integer.toString(next.id));
        fit();
        updateUndo();
        updateCompare();
        onEdit.run();
    }

    private static int[] decode(Blob blob, ImageBitmapOptions options, boolean opaque) {
        ImageBitmap bitmap = Promises.await(Global.createImageBitmap(blob, options), "Decoding");
        try {
            return BitmapPixels.read(bitmap, null, opaque);
        } finally {
            bitmap.close();
        }
    }

    /** Writes original colour with the edited alpha into the canvas, for one rectangle, a strip of rows at a time. */
    private void repaint(Rect r) {
        if (r == null || r.width <= 0 || r.height <= 0) {
            return;
        }
        byte[] alpha = item.alpha;
        int w = item.width;
        int rows = BitmapPixels.stripRows(r.width, r.height);
        if (patch == null || patch.length < r.width * rows) {
            patch = new int[r.width * rows];
        }
        for (int y0 = 0; y0 < r.height; y0 += rows) {
            int n = Math.min(rows, r.height - y0);
            for (int y = 0; y < n; y++) {
                int src = (r.y + y0 + y) * w + r.x;
                int dst = y * r.width;
                for (int x = 0; x < r.width; x++) {
                    patch[dst + x] = (pixels[src + x] & 0x00FFFFFF) | ((alpha[src + x] & 0xFF) << 24);
                }
            }
            Int32Array packed = ArrayTransfer.ints(patch, 0, n * r.width);
            ImageData data = new ImageData(new Uint8ClampedArray(packed.getBuffer(), packed.getByteOffset(),
                    n * r.width * 4), r.width, n);
            context.putImageData(data, r.x, r.y + y0);
        }
    }

    // ---- view transform ----

    void fit() {
        if (item == null) {
            return;
        }
        TextRectangle box = viewport.getBoundingClientRect();
        double s = Math.min(box.getWidth() / (double) item.width, box.getHeight() / (double) item.height);
        scale = clampScale(s);
        tx = (box.getWidth() - item.width * scale) / 2;
        ty = (box.getHeight() - item.height * scale) / 2;
        applyTransform();
    }

    void zoomAt(double factor, double viewX, double viewY) {
        if (item == null) {
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
        tx += dx;
        ty += dy;
        applyTransform();
    }

    private static double clampScale(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private void applyTransform() {
        stage.getStyle().setCssText("width:" + item.width + "px;height:" + item.height + "px;transform:translate("
                + tx + "px," + ty + "px) scale(" + scale + ")");
        // Pixels stay crisp when zoomed in past 100%, smooth when zoomed out.
        canvas.setClassName(scale >= 2 ? "cutout-canvas pixelated" : "cutout-canvas");
        viewport.setAttribute("data-zoom", Long.toString(Math.round(scale * 100)));
    }

    // ---- brushes ----

    void setTool(String value) {
        tool = value;
        viewport.setAttribute("data-tool", value);
        cursor.setHidden(!isBrush());
    }

    private boolean isBrush() {
        return "erase".equals(tool) || "restore".equals(tool) || "add".equals(tool);
    }

    double brushRadius() {
        return Math.max(1, parse(size.getValue(), 40)) / 2.0;
    }

    private double brushSoftness() {
        return parse(softness.getValue(), 50) / 100.0;
    }

    /**
     * Paints one segment in image coordinates. The undo stack doubles as the stroke's starting state, so a soft brush
     * moves each pixel by its largest coverage over the whole stroke instead of building up across segments.
     */
    void paint(double x0, double y0, double x1, double y1) {
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
        repaint(changed);
    }

    void undo() {
        if (item != null && item.undo.canUndo()) {
            repaint(item.undo.undo(item.alpha));
            afterEdit();
        }
    }

    void redo() {
        if (item != null && item.undo.canRedo()) {
            repaint(item.undo.redo(item.alpha));
            afterEdit();
        }
    }

    private void afterEdit() {
        item.edited = true;
        updateUndo();
        onEdit.run();
    }

    private void updateUndo() {
        boolean can = item != null && item.undo.canUndo();
        boolean canRedo = item != null && item.undo.canRedo();
        setDisabled(undoButton, !can);
        setDisabled(redoButton, !canRedo);
    }

    private static void setDisabled(HTMLElement button, boolean disabled) {
        if (disabled) {
            button.setAttribute("disabled", "");
        } else {
            button.removeAttribute("disabled");
        }
    }

    // ---- preview of background, crop and comparison ----

    /** @param kind transparent, color, image or blur; {@code blurPx} in image pixels */
    void showBackground(String kind, String color, String imageUrl, double blurPx) {
        bgLayer.setClassName("color".equals(kind) ? "bg-layer" : "bg-layer checkerboard");
        bgLayer.getStyle().setCssText("color".equals(kind) ? "background-color:" + color : "");
        bgImage.setHidden(!"image".equals(kind) || imageUrl == null);
        if (imageUrl != null) {
            bgImage.setSrc(imageUrl);
        }
        bgBlur.setHidden(!"blur".equals(kind));
        // CSS blurs as if transparent pixels lay outside the photo, so its border would fade into the checkerboard,
        // where the export repeats the edge pixels. The preview enlarges the blurred photo by 2 sigma a side and
        // clips it back to the photo's box (clip-path applies after the filter); the blur is divided by the scale.
        double scale = item == null ? 1 : 1 + 4 * blurPx / Math.min(item.width, item.height);
        bgBlur.getStyle().setCssText("filter:blur(" + blurPx / scale + "px);transform:scale(" + scale
                + ");clip-path:inset(" + (1 - 1 / scale) * 50 + "%)");
    }

    void showCrop(Rect crop) {
        if (crop == null) {
            cropBox.setHidden(true);
            return;
        }
        cropBox.setHidden(false);
        cropBox.getStyle().setCssText("left:" + crop.x + "px;top:" + crop.y + "px;width:" + crop.width
                + "px;height:" + crop.height + "px");
        cropBox.setAttribute("data-rect", crop.x + "," + crop.y + "," + crop.width + "," + crop.height);
    }

    Rect cropFor(double margin, double aspect) {
        if (item == null || item.alpha == null) {
            return null;
        }
        Rect bounds = Crop.subjectBounds(item.alpha, item.width, item.height, 128);
        return bounds == null ? null : Crop.withMargin(bounds, item.width, item.height, margin, aspect);
    }

    private void updateCompare() {
        double v = parse(compare.getValue(), 0);
        original.setHidden(v <= 0);
        // The original covers the left v% of the image.
        original.getStyle().setCssText("clip-path:inset(0 " + (100 - v) + "% 0 0)");
    }

    // ---- events ----

    private void wire() {
        viewport.addEventListener("pointerdown", event -> {
            PointerEvent e = (PointerEvent) event;
            if (item == null) {
                return;
            }
            ((PointerEvent.Capture) (JSObject) viewport).setPointerCapture(e.getPointerId());
            viewport.focus();
            double[] p = toImage(e);
            lastX = p[0];
            lastY = p[1];
            if (isBrush() && e.getButton() == 0) {
                stroking = true;
                item.undo.begin(item.alpha);
                paint(lastX, lastY, lastX, lastY);
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
            if (stroking) {
                double[] p = toImage(e);
                paint(lastX, lastY, p[0], p[1]);
                lastX = p[0];
                lastY = p[1];
            } else if (panning) {
                pan(e.getClientX() - lastX, e.getClientY() - lastY);
                lastX = e.getClientX();
                lastY = e.getClientY();
            }
        });
        viewport.addEventListener("pointerup", event -> endGesture());
        viewport.addEventListener("pointercancel", event -> endGesture());
        viewport.addEventListener("pointerleave", event -> cursor.setHidden(true));
        viewport.addEventListener("pointerenter", event -> cursor.setHidden(!isBrush()));
        viewport.addEventListener("wheel", event -> {
            WheelEvent e = (WheelEvent) event;
            e.preventDefault();
            TextRectangle box = viewport.getBoundingClientRect();
            zoomAt(Math.exp(-e.getDeltaY() * 0.0015), e.getClientX() - box.getLeft(), e.getClientY() - box.getTop());
        });
        viewport.addEventListener("keydown", event -> {
            KeyboardEvent e = (KeyboardEvent) event;
            double step = 40;
            switch (e.getKey()) {
                case "ArrowLeft":
                    pan(step, 0);
                    break;
                case "ArrowRight":
                    pan(-step, 0);
                    break;
                case "ArrowUp":
                    pan(0, step);
                    break;
                case "ArrowDown":
                    pan(0, -step);
                    break;
                default:
                    return;
            }
            e.preventDefault();
        });
        compare.addEventListener("input", event -> updateCompare());
        undoButton.addEventListener("click", event -> undo());
        redoButton.addEventListener("click", event -> redo());
        document.getElementById("zoom-in").addEventListener("click", event -> zoomCentre(1.25));
        document.getElementById("zoom-out").addEventListener("click", event -> zoomCentre(0.8));
        document.getElementById("zoom-fit").addEventListener("click", event -> fit());
        document.getElementById("zoom-100").addEventListener("click", event -> actualSize());
        for (String id : new String[] {"tool-pan", "tool-erase", "tool-restore", "tool-add"}) {
            HTMLInputElement radio = (HTMLInputElement) document.getElementById(id);
            radio.addEventListener("change", event -> setTool(radio.getValue()));
        }
    }

    private void endGesture() {
        if (stroking) {
            stroking = false;
            item.undo.end();
            afterEdit();
        }
        panning = false;
    }

    private double[] toImage(PointerEvent e) {
        TextRectangle box = viewport.getBoundingClientRect();
        return new double[] {(e.getClientX() - box.getLeft() - tx) / scale, (e.getClientY() - box.getTop() - ty) / scale};
    }

    private void moveCursor(PointerEvent e) {
        if (!isBrush()) {
            return;
        }
        TextRectangle box = viewport.getBoundingClientRect();
        double d = brushRadius() * 2 * scale;
        cursor.getStyle().setCssText("width:" + d + "px;height:" + d + "px;left:" + (e.getClientX() - box.getLeft()
                - d / 2) + "px;top:" + (e.getClientY() - box.getTop() - d / 2) + "px");
    }

    /** Handles the editor's shortcuts; returns true when the key was used. */
    boolean shortcut(KeyboardEvent e) {
        if (item == null) {
            return false;
        }
        boolean mod = e.isCtrlKey() || e.isMetaKey();
        String key = e.getKey();
        if (mod && ("z".equals(key) || "Z".equals(key))) {
            if (e.isShiftKey()) {
                redo();
            } else {
                undo();
            }
            return true;
        }
        if (mod && ("y".equals(key) || "Y".equals(key))) {
            redo();
            return true;
        }
        if (mod || e.isAltKey()) {
            return false;
        }
        switch (key) {
            case "e":
                select("tool-erase");
                return true;
            case "r":
                select("tool-restore");
                return true;
            case "a":
                select("tool-add");
                return true;
            case "m":
                select("tool-pan");
                return true;
            case "+":
            case "=":
                zoomCentre(1.25);
                return true;
            case "-":
                zoomCentre(0.8);
                return true;
            case "0":
                fit();
                return true;
            case "1":
                actualSize();
                return true;
            case "[":
                size.setValue(Integer.toString((int) Math.max(2, parse(size.getValue(), 40) * 0.8)));
                return true;
            case "]":
                size.setValue(Integer.toString((int) Math.min(400, parse(size.getValue(), 40) * 1.25 + 1)));
                return true;
            default:
                return false;
        }
    }

    private void select(String radioId) {
        HTMLInputElement radio = (HTMLInputElement) document.getElementById(radioId);
        radio.setChecked(true);
        setTool(radio.getValue());
    }

    static double parse(String value, double fallback) {
        try {
            return Double.parseDouble(value);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}

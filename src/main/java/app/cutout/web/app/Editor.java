package app.cutout.web.app;

import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.Crop;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.UndoStack;
import app.cutout.core.ops.MaskStats;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.platform.BitmapPixels;
import app.cutout.web.platform.Promises;
import java.util.function.Consumer;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.file.Blob;

/**
 * The editor for one finished photo: opens and closes it, keeps its undo history, and composes the parts that show
 * and change it: {@link EditorPreview} (cutout canvas, before/after, background and crop preview), {@link EditorZoom}
 * (zoom and pan), {@link EditorBrush} (tools and pointer), {@link EditorStrokes} (Keep and Remove) and
 * {@link EditorKeys} (shortcuts).
 *
 * <p>Brushes: <b>Erase</b> makes pixels transparent; <b>Restore</b> brings back the model's alpha, so it undoes
 * erasing (or adding) where it passes without touching anything else; <b>Add</b> makes pixels opaque, for parts of the
 * subject the model missed. <b>Keep</b> and <b>Remove</b> are rough strokes over subject or background, after which the
 * alpha is solved again around them ({@link EditorStrokes}).
 *
 * <p>Brush strokes are applied on the page's thread, at full resolution: a stroke touches only a small rectangle,
 * which is repainted alone, so brushing stays immediate even while the worker runs inference.
 */
final class Editor {
    private final HTMLElement section;
    private final HTMLElement undoButton;
    private final HTMLElement redoButton;
    private final Runnable onEdit;
    private final EditorPreview preview;
    private final EditorZoom zoom;
    private final EditorKeys keys;
    private final EditorStrokes strokes;

    private Item item;
    private int loadGeneration;
    /** The photo being decoded for display, between {@link #open} and the moment it shows; else null. */
    private Item loading;

    /** @param onFailure shows a failure (a stroke that could not be solved) in the user's language */
    Editor(HTMLDocument document, Runnable onEdit, Consumer<String> onFailure) {
        this.onEdit = onEdit;
        section = document.getElementById("result");
        undoButton = document.getElementById("undo");
        redoButton = document.getElementById("redo");
        zoom = new EditorZoom(document);
        preview = new EditorPreview(document);
        strokes = new EditorStrokes(document, zoom, preview, this::item, new EditorStrokes.Listener() {
            @Override
            public void applied() {
                item.edited = true;
                updateUndo();
                onEdit.run();
            }

            @Override
            public void pending() {
                updateUndo();
            }

            @Override
            public void failed(String text) {
                updateUndo();
                onFailure.accept(text);
            }
        });
        EditorBrush brush = new EditorBrush(document, zoom, strokes, this::item, this::repaint, this::afterEdit);
        keys = new EditorKeys(document, this, zoom, brush);
        undoButton.addEventListener("click", event -> undo());
        redoButton.addEventListener("click", event -> redo());
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
        if (saved == item) {
            preview.showResult(saved.cutoutUrl);
            strokes.saved(saved);
        }
    }

    void close() {
        loadGeneration++;
        loading = null;
        item = null;
        preview.clear();
        zoom.clear();
        section.setHidden(true);
    }

    private void load(Item next, int generation) {
        // A photo past the size limits was processed as a smaller copy: decode it at that size too.
        String type = next.file.getType();
        int[] rgb = decode(next.file, ImageBitmapOptions.photo(type, next.downscaled(), next.width, next.height),
                ImageBitmapOptions.isJpeg(type));
        int[] cutout;
        ImageBitmap bitmap = next.preview;
        if (bitmap != null) {
            next.preview = null;
            try {
                cutout = BitmapPixels.read(bitmap);
            } finally {
                bitmap.close();
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
        zoom.show(next.width, next.height);
        preview.show(next, rgb);
        section.setHidden(false);
        section.setAttribute("data-item", Integer.toString(next.id));
        zoom.fit();
        strokes.opened(next);
        updateUndo();
        preview.updateCompare();
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

    /** Undoes the newest step; Keep/Remove strokes still being solved count as the newest. */
    void undo() {
        if (item == null) {
            return;
        }
        if (strokes.cancelPending(item)) {
            updateUndo();
        } else if (item.undo.canUndo()) {
            Object tag = item.undo.undoTag();
            repaint(item.undo.undo(item.alpha));
            item.strokes.undone(tag);
            afterEdit();
        }
    }

    void redo() {
        if (item != null && item.undo.canRedo()) {
            Object tag = item.undo.redoTag();
            repaint(item.undo.redo(item.alpha));
            item.strokes.redone(tag);
            afterEdit();
        }
    }

    /** Shows a rectangle of the alpha that changed (a brush segment, undo, redo). */
    private void repaint(Rect changed) {
        preview.repaint(changed);
        strokes.changed(changed);
    }

    private void afterEdit() {
        item.edited = true;
        strokes.edited(item);
        updateUndo();
        onEdit.run();
    }

    /** Runs {@code task} now, or once the open photo's Keep/Remove strokes are solved (an export waits for them). */
    void whenSolved(Runnable task) {
        strokes.whenSettled(task);
    }

    private void updateUndo() {
        boolean can = item != null && (item.undo.canUndo() || item.strokes.hasPending());
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

    /** @param kind transparent, color, image or blur; {@code blurPx} in image pixels */
    void showBackground(String kind, String color, String imageUrl, double blurPx) {
        preview.showBackground(kind, color, imageUrl, blurPx);
    }

    void showCrop(Rect crop) {
        preview.showCrop(crop);
    }

    Rect cropFor(double margin, double aspect) {
        if (item == null || item.alpha == null) {
            return null;
        }
        Rect bounds = Crop.subjectBounds(item.alpha, item.width, item.height, 128);
        return bounds == null ? null : Crop.withMargin(bounds, item.width, item.height, margin, aspect);
    }

    /** Handles the editor's shortcuts; returns true when the key was used. */
    boolean shortcut(KeyboardEvent e) {
        return keys.shortcut(e);
    }

    static double parse(String value, double fallback) {
        try {
            return Double.parseDouble(value);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}

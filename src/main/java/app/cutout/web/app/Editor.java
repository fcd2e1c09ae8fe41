package app.cutout.web.app;

import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.Confidence;
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
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

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
    /** A photo the editor will show when its cutout arrives, and its decoding, started early; else null. */
    private Item prefetched;
    private JSPromise<ImageBitmap> prefetchedPhoto;

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
                rescore();
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

    /**
     * Starts decoding a photo that the editor will show when its cutout arrives (the first of a batch, while the
     * model runs), so that it shows at once then: the browser decodes off the page's thread. A 12 MP JPEG takes
     * 150–300 ms to decode, which otherwise came between the cutout's arrival and the editor. Replaces an earlier one.
     */
    void prefetch(Item next) {
        forget(prefetched);
        prefetched = next;
        prefetchedPhoto = Global.createImageBitmap(next.file, photoOptions(next));
    }

    /**
     * Shows the rough cutout (the model's mask over the photo, before refinement) of the photo the editor is about
     * to show, if nothing is shown yet; the refined one replaces it when it arrives ({@link #open}). Takes the mask.
     */
    void rough(Item next, ImageBitmap mask) {
        if (next != prefetched || item != null || loading != null) {
            mask.close();
            return;
        }
        JSPromise<ImageBitmap> photo = prefetchedPhoto;
        new Thread(() -> {
            try {
                ImageBitmap bitmap = Promises.await(photo, "Decoding");
                // The refined cutout may have come meanwhile, or the photo gone.
                if (next != prefetched || item != null || loading != null) {
                    return;
                }
                zoom.show(next.width, next.height);
                preview.showRough(next, bitmap, mask);
                // No photo is open until the refined cutout comes: the section names none (a closed earlier one's
                // id may still be on it).
                section.removeAttribute("data-item");
                section.setHidden(false);
                section.setAttribute("data-rough", Integer.toString(next.id));
                zoom.fit();
            } catch (RuntimeException e) {
                // No rough cutout then; the refined one still comes, and open() reports its own decoding failure.
            } finally {
                mask.close();
            }
        }).start();
    }

    /** Lets go of what {@link #prefetch} started for a photo that will not be shown (failed, cancelled, removed). */
    void forget(Item gone) {
        if (gone != null && gone == prefetched) {
            closeWhenDecoded(prefetchedPhoto);
            prefetched = null;
            prefetchedPhoto = null;
        }
        if (gone != null && item == null && Integer.toString(gone.id).equals(section.getAttribute("data-rough"))) {
            // Its rough cutout was showing: no refined one will replace it.
            close();
        }
    }

    @JSBody(params = "decoding", script = "decoding.then(function (bitmap) { bitmap.close(); }, function () {});")
    private static native void closeWhenDecoded(JSPromise<ImageBitmap> decoding);

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
        section.removeAttribute("data-rough");
        section.setHidden(true);
    }

    private void load(Item next, int generation) {
        JSPromise<ImageBitmap> photo;
        if (next == prefetched) {
            photo = prefetchedPhoto;
            prefetched = null;
            prefetchedPhoto = null;
        } else {
            photo = Global.createImageBitmap(next.file, photoOptions(next));
        }
        int[] rgb = read(photo, ImageBitmapOptions.isJpeg(next.file.getType()));
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
            cutout = read(Global.createImageBitmap(next.cutoutPng, ImageBitmapOptions.exact()), false);
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
        section.removeAttribute("data-rough");
        section.setAttribute("data-item", Integer.toString(next.id));
        zoom.fit();
        strokes.opened(next);
        updateUndo();
        preview.updateCompare();
        onEdit.run();
    }

    /** How the photo is decoded for display: as the worker did, so at the smaller size a large photo was cut at. */
    private static ImageBitmapOptions photoOptions(Item item) {
        return ImageBitmapOptions.photo(item.file.getType(), item.downscaled(), item.width, item.height);
    }

    private static int[] read(JSPromise<ImageBitmap> decoding, boolean opaque) {
        ImageBitmap bitmap = Promises.await(decoding, "Decoding");
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
        rescore();
        updateUndo();
        onEdit.run();
    }

    /**
     * Scores the edited alpha as the worker scored the cutout, from the same sample ({@link Confidence#measureSample},
     * as cheap: 3 ms on the JVM at 12 MP), so a photo the user fixed is no longer flagged "Check this one" and one
     * spoilt is.
     */
    private void rescore() {
        Confidence.Report report = Confidence.measureSample(item.alpha, item.width, item.height);
        item.confidence = report.score;
        item.checkReasons = report.reasons().toArray(new String[0]);
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

    /** The open photo's colours at full resolution (the refined ones where the cutout shows), or null. */
    int[] pixels() {
        return preview.pixels();
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

package app.cutout.web.app;

import app.cutout.core.edit.EdgeColours;
import app.cutout.core.edit.Rect;
import app.cutout.web.jso.browser.Canvas2D;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.BitmapPixels;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/**
 * What the editor shows: the cutout canvas (the photo's colours with the edited alpha, repainted a rectangle at a
 * time), the original for the before/after slider, and the live preview of background and crop.
 *
 * <p>While a Keep/Remove stroke is solved, a screen-sized canvas stands in for the cutout canvas: a copy of it at the
 * preview's size, with the preview worker's bitmaps drawn into it 1:1. Drawing a preview over a 12 MP cutout canvas
 * instead made the browser copy and draw that whole canvas again before the next frame (100 to 190 ms of a 12 MP
 * stroke's preview on the loaded 2-core machine, against 1 to 3 ms at 0.5 MP); swapping in the small canvas leaves
 * the large one alone until the full-resolution alpha is painted into it.
 */
final class EditorPreview {
    private final HTMLCanvasElement canvas;
    /** The stand-in while a stroke's preview shows; its size is the preview's copy, 0 x 0 until one is prepared. */
    private final HTMLCanvasElement small;
    private Canvas2D smallContext;
    /**
     * Where the cutout canvas changed since the stand-in copied it (photo pixels), or null. Copied in one go before
     * it shows rather than at each brush segment: every copy takes a snapshot of the large canvas, which its next
     * change then has to copy whole.
     */
    private Rect smallStale;
    private final HTMLImageElement original;
    private final HTMLImageElement resultImage;
    private final HTMLElement bgLayer;
    private final HTMLImageElement bgImage;
    private final HTMLImageElement bgBlur;
    private final HTMLElement cropBox;
    private final HTMLInputElement compare;

    private Item item;
    private int[] pixels;
    /** One strip of {@link #repaint}'s output, kept between repaints: brush strokes repaint many small rectangles. */
    private int[] patch;
    private Canvas2D context;

    EditorPreview(HTMLDocument document) {
        canvas = (HTMLCanvasElement) document.getElementById("cutout-canvas");
        small = (HTMLCanvasElement) document.getElementById("preview-canvas");
        original = (HTMLImageElement) document.getElementById("original-image");
        resultImage = (HTMLImageElement) document.getElementById("result-image");
        bgLayer = document.getElementById("bg-layer");
        bgImage = (HTMLImageElement) document.getElementById("bg-image");
        bgBlur = (HTMLImageElement) document.getElementById("bg-blur");
        cropBox = document.getElementById("crop-box");
        compare = (HTMLInputElement) document.getElementById("compare");
        compare.addEventListener("input", event -> updateCompare());
    }

    /**
     * Shows {@code next} with {@code rgb}, its colours at full resolution (alpha ignored), under its edited alpha.
     */
    void show(Item next, int[] rgb) {
        item = next;
        pixels = rgb;
        resize(next);
        showResult(next.cutoutUrl);
        repaint(new Rect(0, 0, next.width, next.height));
    }

    /**
     * Shows a rough cutout while the refined one is made: the photo under the model's mask, stretched from the model's
     * size by the canvas (two draws, no full-size pass on this thread). Not editable: {@link #show} follows.
     */
    void showRough(Item next, ImageBitmap photo, ImageBitmap mask) {
        item = null;
        pixels = null;
        resize(next);
        context.drawImage(photo, 0, 0);
        context.setGlobalCompositeOperation("destination-in");
        context.setImageSmoothingQuality("high");
        context.drawImage(mask, 0, 0, next.width, next.height);
        context.setGlobalCompositeOperation("source-over");
    }

    /** The canvas at the photo's size (which clears it), and the original behind it for compare and blur. */
    private void resize(Item next) {
        endPreview();
        small.setWidth(0);
        small.setHeight(0);
        smallStale = null;
        canvas.setWidth(next.width);
        canvas.setHeight(next.height);
        context = (Canvas2D) canvas.getContext("2d");
        original.setSrc(next.originalUrl);
        bgBlur.setSrc(next.originalUrl);
    }

    /** Points the page's result image at the cutout's PNG, once there is one. */
    void showResult(String cutoutUrl) {
        if (cutoutUrl != null) {
            resultImage.setSrc(cutoutUrl);
        }
    }

    int[] pixels() {
        return pixels;
    }

    void clear() {
        item = null;
        pixels = null;
    }

    /**
     * Writes the colours with the edited alpha into the canvas where the alpha changed in {@code changed}, a strip of
     * rows at a time; a soft edge that an edit made takes its colour from the subject beside it ({@link EdgeColours},
     * as the exports do), so the rectangle is repainted that much wider.
     */
    void repaint(Rect changed) {
        if (changed == null || changed.width <= 0 || changed.height <= 0) {
            return;
        }
        Rect r = EdgeColours.reach(changed, item.width, item.height);
        byte[] alpha = item.alpha;
        byte[] cutoutAlpha = item.modelAlpha;
        int w = item.width;
        int h = item.height;
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
                    patch[dst + x] = EdgeColours.pixel(pixels, alpha, cutoutAlpha, w, h, src + x);
                }
            }
            Int32Array packed = ArrayTransfer.ints(patch, 0, n * r.width);
            ImageData data = new ImageData(new Uint8ClampedArray(packed.getBuffer(), packed.getByteOffset(),
                    n * r.width * 4), r.width, n);
            context.putImageData(data, r.x, r.y + y0);
        }
        if (!small.isHidden()) {
            copyToSmall(r);
        } else if (small.getWidth() > 0) {
            smallStale = r.union(smallStale);
        }
    }

    /**
     * Makes the stand-in canvas a {@code width x height} copy of the cutout canvas (scaled; a new size only, or the
     * first time), so that {@link #showPreview} finds it ready.
     */
    void preparePreview(int width, int height) {
        if (item == null || (small.getWidth() == width && small.getHeight() == height)) {
            return;
        }
        small.setWidth(width);
        small.setHeight(height);
        smallContext = (Canvas2D) small.getContext("2d");
        copyToSmall(new Rect(0, 0, item.width, item.height));
        smallStale = null;
    }

    /** Brings the stand-in up to date with the cutout canvas; a stroke's start calls it, well before its preview. */
    void refreshPreview() {
        if (smallStale != null) {
            copyToSmall(smallStale);
            smallStale = null;
        }
    }

    /**
     * Shows a preview before the alpha is final: {@code bitmap}, the cutout over a rectangle of the preview's copy
     * with its top left corner at {@code (x, y)} there, replaces that rectangle of the stand-in canvas, which shows
     * instead of the cutout canvas until {@link #endPreview}. {@link #repaint}s meanwhile show on both.
     */
    void showPreview(ImageBitmap bitmap, int x, int y, int copyWidth, int copyHeight) {
        preparePreview(copyWidth, copyHeight);
        refreshPreview();
        smallContext.clearRect(x, y, bitmap.getWidth(), bitmap.getHeight());
        smallContext.drawImage(bitmap, x, y);
        small.setHidden(false);
        canvas.setHidden(true);
    }

    /** The cutout canvas shows again (the full-resolution alpha is painted, or the preview was dropped). */
    void endPreview() {
        canvas.setHidden(false);
        small.setHidden(true);
    }

    /** Scales a rectangle of the cutout canvas (photo pixels) into the stand-in canvas, if it has a size. */
    private void copyToSmall(Rect r) {
        if (smallContext == null || small.getWidth() == 0) {
            return;
        }
        double sx = small.getWidth() / (double) item.width;
        double sy = small.getHeight() / (double) item.height;
        // Whole stand-in pixels, so that no pixel is left half drawn.
        double x0 = Math.floor(r.x * sx);
        double y0 = Math.floor(r.y * sy);
        double x1 = Math.min(small.getWidth(), Math.ceil(r.right() * sx));
        double y1 = Math.min(small.getHeight(), Math.ceil(r.bottom() * sy));
        smallContext.clearRect((int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0));
        smallContext.drawImage(canvas, x0 / sx, y0 / sy, (x1 - x0) / sx, (y1 - y0) / sy, x0, y0, x1 - x0, y1 - y0);
    }

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

    void updateCompare() {
        double v = Editor.parse(compare.getValue(), 0);
        original.setHidden(v <= 0);
        // The original covers the left v% of the image.
        original.getStyle().setCssText("clip-path:inset(0 " + (100 - v) + "% 0 0)");
    }
}

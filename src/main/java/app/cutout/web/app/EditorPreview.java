package app.cutout.web.app;

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
 */
final class EditorPreview {
    private final HTMLCanvasElement canvas;
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

    /** Writes original colour with the edited alpha into the canvas, for one rectangle, a strip of rows at a time. */
    void repaint(Rect r) {
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

    /**
     * Shows a preview of a rectangle before its alpha is final: {@code bitmap} (the cutout there, at any size) is
     * stretched over it. The next {@link #repaint} of the rectangle shows the alpha again.
     */
    void showPreview(ImageBitmap bitmap, Rect r) {
        context.clearRect(r.x, r.y, r.width, r.height);
        context.drawImage(bitmap, r.x, r.y, r.width, r.height);
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

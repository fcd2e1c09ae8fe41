package app.cutout.web.worker;

import app.cutout.core.edit.Confidence;
import app.cutout.core.image.Intake;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.CutoutOutput;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.Stage;
import app.cutout.core.pipeline.StageTimings;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.Promises;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/**
 * One cutout into the page: drawn into a canvas, handed over as a bitmap first (the page shows and edits from it),
 * then written as a PNG. At 12 MP the PNG encoder takes about as long as everything else outside inference, so for
 * photos up to {@link #OVERLAP_MAX_PIXELS} the worker does not wait for it: the browser encodes while the next photo
 * of a batch is decoded and inferred, and the result message goes out when the PNG is there.
 */
final class CanvasOutput implements CutoutOutput {
    /**
     * Up to this size (16 MP) the PNG is written alongside the next photo. Larger ones are waited for: their canvas
     * (4 bytes a pixel) and the next photo's pixels at once would raise the worker's peak past what a phone has.
     */
    static final long OVERLAP_MAX_PIXELS = 1L << 24;

    private final int id;
    private final String name;
    private final Outbox outbox;
    private final double start = Performance.now();
    private OffscreenCanvas canvas;
    private ImageBitmap bitmap;
    private JSPromise<Blob> png;
    private double saveStart;
    /** The model's mask as {@link #rough} had it, 8-bit: the strokes' solver confirms its weak evidence. */
    private byte[] modelMask;

    CanvasOutput(int id, String name, Outbox outbox) {
        this.id = id;
        this.name = name;
        this.outbox = outbox;
    }

    /**
     * The mask goes to the page as a bitmap of its own size whose alpha is the mask (1024², 4 MB, a few ms): the page
     * stretches it over the photo it has already decoded, so the rough cutout costs neither side a full-size pass.
     */
    @Override
    public void rough(float[] mask, int width, int height) {
        int[] pixels = new int[width * height];
        modelMask = new byte[width * height];
        for (int i = 0; i < pixels.length; i++) {
            float a = mask[i];
            int alpha = a <= 0 ? 0 : a >= 1 ? 255 : (int) (a * 255 + 0.5f);
            pixels[i] = alpha << 24;
            modelMask[i] = (byte) alpha;
        }
        Int32Array packed = ArrayTransfer.ints(pixels, 0, pixels.length);
        ImageData data = new ImageData(new Uint8ClampedArray(packed.getBuffer(), packed.getByteOffset(),
                pixels.length * 4), width, height);
        ImageBitmap bitmap = Promises.await(Global.createImageBitmap(data, ImageBitmapOptions.exact()),
                "Handing over the rough cutout");
        outbox.rough(id, bitmap);
    }

    @Override
    public void render(RgbaImage image) {
        canvas = ImageCodec.draw(image, name);
        bitmap = Promises.await(Global.createImageBitmap(canvas), "Handing over the cutout");
    }

    @Override
    public void show(int width, int height, StageTimings soFar) {
        outbox.preview(id, bitmap, width, height, soFar.toJson());
        bitmap = null;
    }

    @Override
    public void save() {
        saveStart = Performance.now();
        png = canvas.convertToBlob(OffscreenCanvas.EncodeOptions.of("image/png"));
    }

    @Override
    public void done(int width, int height, StageTimings timings, Intake.Plan input, Confidence.Report confidence) {
        int sourceWidth = input.downscaled ? input.header.displayWidth() : 0;
        int sourceHeight = input.downscaled ? input.header.displayHeight() : 0;
        boolean animated = input.header.animated;
        OffscreenCanvas written = canvas;
        canvas = null;
        if ((long) width * height > OVERLAP_MAX_PIXELS) {
            Blob blob;
            try {
                blob = Promises.await(png, "Encoding the PNG");
            } finally {
                written.setWidth(0);
            }
            finish(blob, width, height, timings, sourceWidth, sourceHeight, animated, confidence);
            return;
        }
        png.then(blob -> {
            written.setWidth(0);
            finish(blob, width, height, timings, sourceWidth, sourceHeight, animated, confidence);
            return blob;
        }, error -> {
            written.setWidth(0);
            outbox.failed(id, Stage.SAVING.id, new Problem(Problem.PROCESSING_FAILED, Global.describe(error)));
            return null;
        });
    }

    private void finish(Blob blob, int width, int height, StageTimings timings, int sourceWidth, int sourceHeight,
            boolean animated, Confidence.Report confidence) {
        double now = Performance.now();
        timings.put(StageTimings.ENCODE, now - saveStart);
        timings.put(StageTimings.TOTAL, now - start);
        Blob model = null;
        if (modelMask != null) {
            JSArray<JSObject> parts = new JSArray<>();
            parts.push(ArrayTransfer.copyOf(modelMask));
            model = new Blob(parts);
            modelMask = null;
        }
        outbox.result(id, blob, model, width, height, timings.toJson(), sourceWidth, sourceHeight, animated,
                confidence);
    }
}

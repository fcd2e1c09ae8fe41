package app.cutout.web.worker;

import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.EdgeColours;
import app.cutout.core.edit.PreviewGrid;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.StrokeEdits;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.MaskStats;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.refine.Stroke;
import app.cutout.core.refine.StrokeSolver;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.Promises;
import app.cutout.web.protocol.StrokesOpen;
import app.cutout.web.protocol.StrokesSolve;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Keep/Remove strokes in a strokes worker: holds one photo decoded at the size it solves at, and answers each solve
 * with what changed. The page runs two of these, so a full-resolution solve (seconds at 12 MP) never delays the next
 * stroke's preview: one on a screen-sized copy, which answers with a bitmap of the cutout to show at once, and one at
 * full resolution, whose alpha replaces the page's.
 *
 * <p>A solve whose photo is no longer open, or which a newer solve of the same photo has overtaken while it waited,
 * is skipped: its answer would be dropped anyway.
 */
final class StrokeSolving {
    /** The side of the middle part of the photo that the full-resolution worker warms up on. */
    private static final int WARM_UP_CROP = 768;

    private final Outbox outbox;
    /** The open photo's queue id; -1 before the first. */
    private int id = -1;
    private int width;
    private int height;
    /** The screen-sized copy's grid; null at full resolution. */
    private PreviewGrid grid;
    /** The photo at the solving size, RGBA bytes, as the solver takes it. */
    private byte[] rgba;
    /** The model's alpha at the solving size: the solve's prior. */
    private byte[] prior;
    /**
     * The model's mask before refinement, {@link #modelWidth} x {@link #modelHeight} ({@link ModelSpec#SIZE}², or the
     * photo's aspect-ratio input size where a measurement asked for it), stretched over the photo at any size; or null.
     */
    private float[] model;
    private int modelWidth;
    private int modelHeight;
    /** Preview only: the cutout's colours at the copy's size (the photo's own where the model saw background). */
    private int[] shown;
    /** The newest solve request seen for the open photo, noted as messages arrive. */
    private int newest;
    /** The last solve request to arrive (its photo and sequence number) and when ({@code Global.clock()}). */
    private int arrivedId = -1;
    private int arrivedSeq;
    private double arrivedAt;

    StrokeSolving(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Called as a solve request arrives, before it is queued, so queued older ones can be skipped. */
    void arrived(StrokesSolve request) {
        if (request.getId() == id) {
            newest = Math.max(newest, request.getSeq());
        }
        arrivedId = request.getId();
        arrivedSeq = request.getSeq();
        arrivedAt = Global.clock();
    }

    void open(StrokesOpen request) {
        id = request.getId();
        newest = 0;
        rgba = null;
        prior = null;
        model = null;
        shown = null;
        try {
            // At the size the cutout was made: smaller than the file for photos past the size limits.
            RgbaImage photo = ImageCodec.decode(request.getFile(), request.getName(), request.getWidth(),
                    request.getHeight());
            int[] cutout = ImageCodec.decode(request.getPng(), "cutout").pixels;
            if (cutout.length != photo.width * photo.height) {
                throw new IllegalStateException("Expected a cutout of " + photo.width + "x" + photo.height
                        + ", got " + cutout.length + " pixels");
            }
            byte[] modelAlpha = MaskStats.alphaOf(cutout);
            model = modelMask(request.getModelMask());
            boolean square = model == null || model.length == ModelSpec.SIZE * ModelSpec.SIZE;
            modelWidth = square ? ModelSpec.SIZE : ModelSpec.inputWidth(photo.width, photo.height);
            modelHeight = square ? ModelSpec.SIZE : ModelSpec.inputHeight(photo.width, photo.height);
            if (model != null && model.length != modelWidth * modelHeight) {
                model = null;
            }
            if (request.getPreviewPixels() > 0) {
                grid = PreviewGrid.of(photo.width, photo.height, request.getPreviewPixels());
                width = grid.previewWidth;
                height = grid.previewHeight;
                rgba = bytes(grid.shrink(photo.pixels));
                prior = grid.shrink(modelAlpha);
                Compositor.takeForeground(photo.pixels, cutout);
                shown = grid.shrink(photo.pixels);
                warmUp();
            } else {
                grid = null;
                width = photo.width;
                height = photo.height;
                cutout = null;
                rgba = bytes(photo.pixels);
                prior = modelAlpha;
            }
            outbox.strokesOpened(id, model != null);
            if (grid == null) {
                try {
                    warmUpOnCrop();
                } catch (RuntimeException e) {
                    // Only a warm-up: a real stroke's solve reports its own failure.
                }
            }
        } catch (Refusal e) {
            outbox.refused(id, "strokes", e);
        } catch (Throwable e) {
            outbox.failed(id, "strokes", new Problem(Problem.STROKES_FAILED, String.valueOf(e.getMessage())));
        }
    }

    void solve(StrokesSolve request) {
        int seq = request.getSeq();
        if (request.getId() != id || seq < newest || rgba == null) {
            return;
        }
        try {
            double startedAt = Global.clock();
            // NaN when another request arrived after this one (it overtakes this one unless it is for another photo).
            double requestArrivedAt = arrivedId == id && arrivedSeq == seq ? arrivedAt : Double.NaN;
            double start = Performance.now();
            // The alpha being edited, at this worker's size: the page keeps the screen-sized copy up to date.
            byte[] current = ArrayTransfer.copyOf(new Int8Array(request.getAlpha()));
            if (current.length != width * height) {
                throw new IllegalStateException("Expected an alpha of " + width + "x" + height + ", got "
                        + current.length + " bytes");
            }
            List<Stroke> strokes = StrokeEdits.decode(request.getStrokes().copyToJavaArray());
            if (grid != null) {
                List<Stroke> scaled = new ArrayList<>(strokes.size());
                for (Stroke s : strokes) {
                    scaled.add(s.scaled(grid.factor));
                }
                strokes = scaled;
            }
            StrokeSolver.Solution solution = StrokeSolver.solve(rgba, width, height, prior, current, strokes, model,
                    modelWidth, modelHeight);
            double solveMs = Performance.now() - start;
            Rect changed = solution.changed;
            if (grid != null) {
                ImageBitmap bitmap = changed == null ? null : bitmap(solution.alpha, changed);
                outbox.strokesSolved(id, seq, changed == null ? null : grid.toPhoto(changed), bitmap, null, solveMs,
                        requestArrivedAt, startedAt);
            } else {
                outbox.strokesSolved(id, seq, changed, null,
                        changed == null ? null : ArrayTransfer.copyOf(crop(solution.alpha, changed)).getBuffer(),
                        solveMs, requestArrivedAt, startedAt);
            }
        } catch (Throwable e) {
            outbox.failed(id, "strokes", new Problem(Problem.STROKES_FAILED, String.valueOf(e.getMessage())));
        }
    }

    /** The model's 8-bit mask as the solver takes it, 0..1; null when there is none. */
    private static float[] modelMask(Blob blob) {
        if (blob == null) {
            return null;
        }
        byte[] bytes = ArrayTransfer.copyOf(new Int8Array(Promises.await(blob.arrayBuffer(), "Reading the mask")));
        float[] mask = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            mask[i] = (bytes[i] & 0xFF) / 255f;
        }
        return mask;
    }

    /**
     * Solves a stroke nobody drew on the copy, makes its bitmap and drops both. The browser runs a WebAssembly
     * function's first calls in its baseline code and swaps in optimised code only for later calls, so a worker's
     * first solve took 3 to 4 times as long as the same solve later (plant.jpg: 812 ms in the preview worker, 231 ms
     * in the full-resolution one; 12 MP: 964 ms, then 331 and 526); this makes that first solve here, while the user
     * is still choosing where to draw ({@link #solveUnseen}).
     */
    private void warmUp() {
        StrokeSolver.Solution solution = solveUnseen(rgba, width, height, prior, model, modelWidth, modelHeight);
        if (solution.changed != null) {
            bitmap(solution.alpha, solution.changed).close();
        }
    }

    /**
     * The full-resolution worker's warm-up ({@link #warmUp}'s reason): the same unseen stroke on the middle
     * {@value #WARM_UP_CROP}² of the photo, so that it costs a fraction of a full-resolution solve (a stroke drawn at
     * once waits behind it) and still runs, and so compiles, every step of the solve.
     */
    private void warmUpOnCrop() {
        int w = Math.min(width, WARM_UP_CROP);
        int h = Math.min(height, WARM_UP_CROP);
        int x0 = (width - w) / 2;
        int y0 = (height - h) / 2;
        byte[] cropRgba = new byte[w * h * 4];
        byte[] cropPrior = new byte[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgba, ((y0 + y) * width + x0) * 4, cropRgba, y * w * 4, w * 4);
            System.arraycopy(prior, (y0 + y) * width + x0, cropPrior, y * w, w);
        }
        solveUnseen(cropRgba, w, h, cropPrior, model, modelWidth, modelHeight);
    }

    /**
     * A stroke nobody drew: across the middle, a fifth of the width each side, 2 % of the short side wide (the
     * benchmark's stroke rule), against the model's alpha there, so that every step of the solve runs.
     */
    private static StrokeSolver.Solution solveUnseen(byte[] rgba, int width, int height, byte[] prior,
            float[] model, int modelWidth, int modelHeight) {
        float cx = width / 2f;
        float cy = height / 2f;
        boolean subject = (prior[(height / 2) * width + width / 2] & 0xFF) >= 128;
        Stroke stroke = new Stroke(subject ? Stroke.Kind.REMOVE : Stroke.Kind.KEEP,
                Math.max(1f, 0.01f * Math.min(width, height)), new float[] {cx - width / 5f, cy, cx + width / 5f, cy});
        return StrokeSolver.solve(rgba, width, height, prior, prior, List.of(stroke), model, modelWidth,
                modelHeight);
    }

    /**
     * The cutout over {@code r} of the copy: its colours under the solved alpha, a soft edge the strokes made in the
     * colour of the subject beside it ({@link EdgeColours}, as the editor's canvas and the exports).
     */
    private ImageBitmap bitmap(byte[] alpha, Rect r) {
        int[] pixels = new int[r.width * r.height];
        for (int y = 0; y < r.height; y++) {
            int src = (r.y + y) * width + r.x;
            for (int x = 0; x < r.width; x++) {
                pixels[y * r.width + x] = EdgeColours.pixel(shown, alpha, prior, width, height, src + x);
            }
        }
        OffscreenCanvas canvas = ImageCodec.draw(new RgbaImage(r.width, r.height, pixels), "preview");
        try {
            return Promises.await(Global.createImageBitmap(canvas), "Handing over the preview");
        } finally {
            canvas.setWidth(0);
        }
    }

    private byte[] crop(byte[] alpha, Rect r) {
        byte[] out = new byte[r.width * r.height];
        for (int y = 0; y < r.height; y++) {
            System.arraycopy(alpha, (r.y + y) * width + r.x, out, y * r.width, r.width);
        }
        return out;
    }

    /** Packed pixels ({@link RgbaImage#pack}) as R, G, B, A bytes. */
    private static byte[] bytes(int[] pixels) {
        byte[] out = new byte[pixels.length * 4];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            out[4 * i] = (byte) p;
            out[4 * i + 1] = (byte) (p >>> 8);
            out[4 * i + 2] = (byte) (p >>> 16);
            out[4 * i + 3] = (byte) (p >>> 24);
        }
        return out;
    }
}

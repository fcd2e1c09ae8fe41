package app.cutout.web.app;

import app.cutout.core.edit.PreviewGrid;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.StrokeEdits;
import app.cutout.core.text.Texts;
import app.cutout.web.jso.browser.Canvas2D;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.protocol.Addressed;
import app.cutout.web.protocol.Coded;
import app.cutout.web.protocol.ErrorMessage;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.StrokesOpen;
import app.cutout.web.protocol.StrokesOpened;
import app.cutout.web.protocol.StrokesSolve;
import app.cutout.web.protocol.StrokesSolved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The <b>Keep</b> and <b>Remove</b> tools: the user roughly paints over what is subject or background (a translucent
 * green or red trail while drawing), and when the stroke ends the alpha is solved again from every Keep/Remove stroke
 * so far ({@code core.refine.StrokeSolver}). {@link EditorBrush} hands the pointer over to this class while one of
 * the two tools is chosen.
 *
 * <p>The page thread only records the stroke and copies alphas: two strokes workers (the same {@code worker.wasm})
 * do the solving. The preview worker solves a screen-sized copy (as many pixels as the photo covers on the screen
 * when it is opened in the workers, {@value #PREVIEW_PIXELS} at most, {@link PreviewGrid}) and answers with a bitmap of
 * the cutout over the rectangle that changed, which is stretched over the canvas there at once. The page keeps that
 * copy of the alpha up to date itself, a changed rectangle at a time, so a stroke sends at most 1.5 MB to the preview
 * rather than shrinking and copying 12 MB first. Once the preview is on screen the full alpha goes to the
 * full-resolution worker, whose answer replaces {@code item.alpha} in the changed rectangle as one undo step. Answers
 * carry the request's sequence number ({@link StrokeEdits}); one overtaken by another edit is dropped (after a brush
 * stroke the pending strokes are asked for again).
 *
 * <p>The viewport reports what happened for tests and the benchmark: {@code data-strokes-open} (the photo's id once
 * both workers have decoded it) with {@code data-strokes-model-mask} (whether both have the model's own mask), {@code data-stroke-state} (solving, preview, done, error), {@code data-strokes} (solves applied so far), {@code data-stroke-preview-ms} (stroke end to the
 * preview on screen) with its parts ({@code data-stroke-preview-parts}, JSON: see {@link #parts}),
 * {@code data-stroke-full-ms} (stroke end to the full-resolution alpha) and the workers' own solve times,
 * {@code data-stroke-preview-solve-ms} and {@code data-stroke-full-solve-ms}.
 */
final class EditorStrokes {
    /**
     * The most pixels of the preview's copy: about what a laptop screen shows of a photo, and the size the solver
     * answered within 150 ms in the browser on 2 cores once warm.
     */
    static final int PREVIEW_PIXELS = 1_500_000;
    private static final String KEEP_COLOR = "rgba(46, 158, 91, 0.55)";
    private static final String REMOVE_COLOR = "rgba(214, 48, 49, 0.55)";

    /** What the editor does when a solve has been applied or has failed. */
    interface Listener {
        void applied();

        /** A stroke was sent to be solved: there is something to undo. */
        void pending();

        void failed(String text);
    }

    private final HTMLElement viewport;
    private final HTMLCanvasElement trail;
    private final EditorZoom zoom;
    private final EditorPreview preview;
    private final Supplier<Item> photo;
    private final Listener listener;

    /** Keep or Remove is the editor's tool. */
    private boolean chosen;
    private Lane previewLane;
    private Lane fullLane;
    /** The photo last shown. */
    private Item shown;
    /**
     * The photo the workers hold, the cutout PNG they were given and the pixels of the preview worker's copy; -1 / null
     * before the first.
     */
    private int openId = -1;
    private Blob openPng;
    private long openPixels;

    /** The stroke being drawn: its kind, radius and points in photo pixels, and its trail in viewport pixels. */
    private int kind = -1;
    private float radius;
    private float[] points = new float[64];
    private int pointCount;
    private final List<double[]> trailPoints = new ArrayList<>();
    private float lastX;
    private float lastY;

    /** Requests sent and not answered by the full-resolution worker yet, by sequence number. */
    private final Map<Integer, Request> inFlight = new HashMap<>();
    /**
     * The open photo's alpha at the preview's size (the pixels asked for, its grid and the copy), and where the alpha
     * changed since it was last brought up to date.
     */
    private long previewPixels;
    private PreviewGrid grid;
    private byte[] small;
    private Rect stale;
    /** Where previews were drawn over the canvas since it last showed the alpha there; null if nowhere. */
    private Rect previewed;
    private int applied;
    /** Waiting for the pending strokes' answer (an export asked for meanwhile). */
    private final List<Runnable> whenSettled = new ArrayList<>();

    EditorStrokes(HTMLDocument document, EditorZoom zoom, EditorPreview preview, Supplier<Item> photo,
            Listener listener) {
        this.zoom = zoom;
        this.preview = preview;
        this.photo = photo;
        this.listener = listener;
        viewport = document.getElementById("viewport");
        trail = (HTMLCanvasElement) document.getElementById("stroke-trail");
    }

    /** Whether {@code tool} (a tool radio's value) is one of this class's. */
    static boolean owns(String tool) {
        return "keep".equals(tool) || "remove".equals(tool);
    }

    /** The editor's tool changed: choosing Keep or Remove opens the photo in the workers, ahead of the stroke. */
    void tool(String value) {
        chosen = owns(value);
        prepare();
    }

    // ---- drawing

    /** A stroke starts at a pointer position, {@code p} in photo pixels; {@code radius} in photo pixels. */
    void begin(String tool, double clientX, double clientY, double[] p, double radius) {
        kind = "keep".equals(tool) ? StrokeEdits.KEEP : StrokeEdits.REMOVE;
        this.radius = (float) Math.max(0.5, radius);
        pointCount = 0;
        trailPoints.clear();
        trail.setWidth(viewport.getClientWidth());
        trail.setHeight(viewport.getClientHeight());
        trail.setHidden(false);
        addPoint((float) p[0], (float) p[1]);
        // The trail canvas lies in the viewport's inside, as the stage does.
        trailPoints.add(zoom.toViewport(clientX, clientY));
        drawTrail();
        prepare();
        preview.refreshPreview();
    }

    /** Whether a stroke is being drawn (between {@link #begin} and {@link #end}). */
    boolean drawing() {
        return kind >= 0;
    }

    /** The pointer moved while drawing. */
    void extend(double clientX, double clientY, double[] p) {
        if (kind < 0) {
            return;
        }
        lastX = (float) p[0];
        lastY = (float) p[1];
        // Points closer than a quarter of the radius add nothing the solver would see, only work per pixel.
        float dx = lastX - points[2 * pointCount - 2];
        float dy = lastY - points[2 * pointCount - 1];
        if (dx * dx + dy * dy >= Math.max(1, radius * radius / 16)) {
            addPoint(lastX, lastY);
        }
        trailPoints.add(zoom.toViewport(clientX, clientY));
        drawTrail();
    }

    /** The stroke ended: it is sent to be solved, with every stroke before it. */
    void end() {
        Ended ended = new Ended();
        Item item = photo.get();
        if (kind < 0 || item == null) {
            kind = -1;
            return;
        }
        if (lastX != points[2 * pointCount - 2] || lastY != points[2 * pointCount - 1]) {
            addPoint(lastX, lastY);
        }
        float[] xy = new float[2 * pointCount];
        System.arraycopy(points, 0, xy, 0, xy.length);
        int seq = item.strokes.add(StrokeEdits.stroke(kind, radius, xy));
        kind = -1;
        send(item, seq, ended);
    }

    /** The stroke is taken back before it is sent (a second finger landed: a pinch, not a stroke). */
    void cancel() {
        kind = -1;
        clearTrail();
    }

    private void addPoint(float x, float y) {
        if (2 * pointCount + 2 > points.length) {
            float[] grown = new float[points.length * 2];
            System.arraycopy(points, 0, grown, 0, points.length);
            points = grown;
        }
        points[2 * pointCount] = x;
        points[2 * pointCount + 1] = y;
        pointCount++;
        lastX = x;
        lastY = y;
    }

    private void drawTrail() {
        Canvas2D context = (Canvas2D) trail.getContext("2d");
        context.clearRect(0, 0, trail.getWidth(), trail.getHeight());
        context.beginPath();
        double[] first = trailPoints.get(0);
        context.moveTo(first[0], first[1]);
        // A single point still shows as a dot: canvas drops zero-length segments.
        context.lineTo(first[0] + 0.01, first[1]);
        for (int i = 1; i < trailPoints.size(); i++) {
            context.lineTo(trailPoints.get(i)[0], trailPoints.get(i)[1]);
        }
        context.setLineWidth(2 * radius * zoom.scale());
        context.setLineCap("round");
        context.setLineJoin("round");
        context.setStrokeStyle(kind == StrokeEdits.KEEP ? KEEP_COLOR : REMOVE_COLOR);
        context.stroke();
    }

    private void clearTrail() {
        trail.setHidden(true);
    }

    // ---- the editor's life

    /** A photo is shown: strokes of the one before that were still being solved are dropped. */
    void opened(Item item) {
        if (shown != null && shown != item) {
            shown.strokes.cancelPending();
            inFlight.clear();
            settle();
        }
        if (shown != item) {
            grid = null;
            small = null;
        }
        shown = item;
        // The canvas shows the alpha again everywhere.
        previewed = null;
        clearTrail();
        setState(item.strokes.hasPending() ? "solving" : "done");
        prepare();
    }

    /** The open photo's PNG exists now: the workers can take it. */
    void saved(Item item) {
        if (item == photo.get() && item.strokes.hasPending() && openId != item.id) {
            send(item, item.strokes.latest(), new Ended());
        } else {
            prepare();
        }
    }

    /** The open photo's alpha changed inside {@code r} (a brush segment, undo, redo); null is ignored. */
    void changed(Rect r) {
        if (r != null) {
            stale = r.union(stale);
        }
    }

    /** The preview's copy of the alpha, brought up to date. */
    private byte[] small(Item item) {
        if (grid == null) {
            previewPixels = screenPixels(item);
            grid = PreviewGrid.of(item.width, item.height, previewPixels);
            small = grid.shrink(item.alpha);
            stale = null;
        } else if (stale != null) {
            grid.update(item.alpha, small, stale);
            stale = null;
        }
        return small;
    }

    /**
     * How many pixels of the photo the screen shows: its size on the canvas (at the editor's zoom, at least fitted
     * into the viewport) in device pixels, at most {@link #PREVIEW_PIXELS}. A copy larger than that shows no more
     * detail and costs the solver, the bitmap and the drawing in proportion; the 384-bin grid of the solve itself stays
     * the same. While the viewport has no size (hidden) the most.
     */
    private long screenPixels(Item item) {
        double fit = zoom.fitScale();
        if (!(fit > 0)) {
            return PREVIEW_PIXELS;
        }
        double scale = Math.max(zoom.scale(), fit) * Math.max(1, Global.getDevicePixelRatio());
        return (long) Math.min(PREVIEW_PIXELS, Math.ceil(scale * scale * item.width * item.height));
    }

    /** The alpha was changed another way (brush, undo, redo): pending strokes are solved again from it. */
    void edited(Item item) {
        int seq = item.strokes.edited();
        if (seq > 0) {
            send(item, seq, new Ended());
        }
    }

    /** Undo with strokes still being solved drops them (and their preview); returns whether there were any. */
    boolean cancelPending(Item item) {
        if (!item.strokes.cancelPending()) {
            return false;
        }
        inFlight.clear();
        clearTrail();
        preview.repaint(previewed);
        preview.endPreview();
        previewed = null;
        setState("done");
        settle();
        return true;
    }

    /** Runs {@code task} now, or once the open photo's pending strokes are solved, failed or dropped. */
    void whenSettled(Runnable task) {
        Item item = photo.get();
        if (item == null || !item.strokes.hasPending()) {
            task.run();
        } else {
            whenSettled.add(task);
        }
    }

    private void settle() {
        List<Runnable> tasks = new ArrayList<>(whenSettled);
        whenSettled.clear();
        for (Runnable task : tasks) {
            task.run();
        }
    }

    /** Opens the photo in the workers as soon as Keep or Remove is chosen, so the first stroke does not wait. */
    private void prepare() {
        Item item = photo.get();
        if (item != null && chosen) {
            small(item);
            open(item);
        }
    }

    /**
     * Makes sure the workers hold {@code item}, the preview worker at the size of the page's copy of the alpha (chosen
     * when the photo was shown); false while its PNG is still being written.
     */
    private boolean open(Item item) {
        if (item.cutoutPng == null) {
            return false;
        }
        small(item);
        preview.preparePreview(grid.previewWidth, grid.previewHeight);
        if (openId == item.id && openPng == item.cutoutPng && openPixels == previewPixels) {
            return true;
        }
        if (previewLane == null) {
            previewLane = new Lane("cutout-strokes-preview");
            fullLane = new Lane("cutout-strokes");
        }
        viewport.removeAttribute("data-strokes-open");
        viewport.removeAttribute("data-strokes-model-mask");
        previewLane.postOpen(openMessage(item, previewPixels), item);
        fullLane.postOpen(openMessage(item, 0), item);
        openId = item.id;
        openPng = item.cutoutPng;
        openPixels = previewPixels;
        return true;
    }

    private static StrokesOpen openMessage(Item item, long previewPixels) {
        StrokesOpen m = Message.of(Message.STROKES_OPEN);
        m.setId(item.id);
        m.setFile(item.file);
        m.setName(item.name);
        m.setPng(item.cutoutPng);
        m.setModelMask(item.modelMask);
        m.setWidth(item.width);
        m.setHeight(item.height);
        m.setPreviewPixels((int) previewPixels);
        return m;
    }

    // ---- solving

    /** @param ended when the stroke ended (or the edit that asks again), for the latencies reported */
    private void send(Item item, int seq, Ended ended) {
        setState("solving");
        listener.pending();
        if (!open(item)) {
            // Shown from the worker's bitmap while its PNG is written: saved() sends it.
            return;
        }
        Float32Array strokes = Float32Array.copyFromJavaArray(item.strokes.request());
        Int8Array alpha = ArrayTransfer.copyOf(small(item));
        Request request = new Request(strokes, ended);
        inFlight.put(seq, request);
        previewLane.postSolve(solveMessage(item.id, seq, strokes, alpha), alpha.getBuffer());
        request.sentAt = Global.clock();
    }

    private static StrokesSolve solveMessage(int id, int seq, Float32Array strokes, Int8Array alpha) {
        StrokesSolve m = Message.of(Message.STROKES_SOLVE);
        m.setId(id);
        m.setSeq(seq);
        m.setStrokes(strokes);
        m.setAlpha(alpha.getBuffer());
        return m;
    }

    private void receive(Lane lane, Message message) {
        lane.answered(message);
        switch (message.getType()) {
            case Message.STROKES_OPENED: {
                StrokesOpened opened = (StrokesOpened) message;
                lane.opened = opened.getId();
                lane.modelMask = opened.getModelMask();
                if (previewLane.opened == openId && fullLane.opened == openId) {
                    viewport.setAttribute("data-strokes-open", Integer.toString(openId));
                    viewport.setAttribute("data-strokes-model-mask",
                            Boolean.toString(previewLane.modelMask && fullLane.modelMask));
                }
                break;
            }
            case Message.STROKES_SOLVED:
                if (lane == previewLane) {
                    previewed((StrokesSolved) message);
                } else {
                    solved((StrokesSolved) message);
                }
                break;
            case Message.ERROR: {
                ErrorMessage error = (ErrorMessage) message;
                Item item = photo.get();
                if (item != null && item.id == error.getId()) {
                    // The worker may not hold the photo now (its open failed): the next stroke opens it again.
                    openId = -1;
                    cancelPending(item);
                    setState("error");
                    listener.failed(Texts.problem(error.getCode(), Coded.args(error)));
                }
                break;
            }
            default:
                break;
        }
    }

    /** The preview's answer: drawn at once; once it is on screen the full-resolution worker gets the request. */
    private void previewed(StrokesSolved answer) {
        double receivedAt = Global.clock();
        Item item = photo.get();
        ImageBitmap bitmap = answer.getBitmap();
        int seq = answer.getSeq();
        Request request = inFlight.get(seq);
        if (item == null || item.id != answer.getId() || request == null || !item.strokes.current(seq)) {
            if (bitmap != null) {
                bitmap.close();
            }
            return;
        }
        if (bitmap != null) {
            Rect r = new Rect(answer.getX(), answer.getY(), answer.getWidth(), answer.getHeight());
            // The copy's column whose block starts at photo column r.x (PreviewGrid's blocks start at
            // floor(i * width / previewWidth), at least a pixel apart), and likewise for the row.
            int x = (int) (((long) r.x * grid.previewWidth + item.width - 1) / item.width);
            int y = (int) (((long) r.y * grid.previewHeight + item.height - 1) / item.height);
            preview.showPreview(bitmap, x, y, grid.previewWidth, grid.previewHeight);
            bitmap.close();
            previewed = r.union(previewed);
        }
        clearTrail();
        double drawnAt = Global.clock();
        setState("preview");
        viewport.setAttribute("data-stroke-preview-solve-ms", Long.toString(Math.round(answer.getSolveMs())));
        Global.requestAnimationFrame(time -> {
            viewport.setAttribute("data-stroke-preview-ms", Long.toString(Math.round(Performance.now()
                    - request.ended.now)));
            viewport.setAttribute("data-stroke-preview-parts", parts(request, answer, receivedAt, drawnAt,
                    Global.clock()));
            // Copying a 12 MP alpha takes tens of milliseconds: after the frame that shows the preview.
            Global.requestAnimationFrame(next -> {
                if (photo.get() == item && item.strokes.current(seq)) {
                    Int8Array alpha = ArrayTransfer.copyOf(item.alpha);
                    fullLane.postSolve(solveMessage(item.id, seq, request.strokes, alpha), alpha.getBuffer());
                }
            });
        });
    }

    /** The full-resolution answer: one undo step, if nothing else changed the alpha since it was asked for. */
    private void solved(StrokesSolved answer) {
        Item item = photo.get();
        int seq = answer.getSeq();
        Request request = inFlight.remove(seq);
        // A brush stroke being painted right now makes the answer stale: its end asks again.
        if (item == null || item.id != answer.getId() || item.undo.inStroke()) {
            return;
        }
        StrokeEdits.Step step = item.strokes.accept(seq);
        if (step == null) {
            return;
        }
        Rect dirty = previewed;
        if (answer.getWidth() > 0) {
            Rect r = new Rect(answer.getX(), answer.getY(), answer.getWidth(), answer.getHeight());
            byte[] rows = ArrayTransfer.copyOf(new Int8Array(answer.getAlpha()));
            item.undo.begin(item.alpha);
            item.undo.record(r);
            for (int y = 0; y < r.height; y++) {
                System.arraycopy(rows, y * r.width, item.alpha, (r.y + y) * item.width + r.x, r.width);
            }
            item.undo.end(step);
            changed(r);
            dirty = r.union(dirty);
        }
        preview.repaint(dirty);
        // The preview's copy of the alpha is brought up to date now, off the next stroke's way to its preview.
        small(item);
        boolean more = item.strokes.hasPending();
        if (!more) {
            preview.endPreview();
            previewed = null;
        }
        applied++;
        viewport.setAttribute("data-strokes", Integer.toString(applied));
        viewport.setAttribute("data-stroke-full-solve-ms", Long.toString(Math.round(answer.getSolveMs())));
        if (request != null) {
            viewport.setAttribute("data-stroke-full-ms", Long.toString(Math.round(Performance.now()
                    - request.ended.now)));
        }
        clearTrail();
        setState(more ? "solving" : "done");
        listener.applied();
        if (!more) {
            settle();
        }
    }

    private void setState(String state) {
        viewport.setAttribute("data-stroke-state", state);
    }

    /**
     * Where the preview's time went, as JSON for the benchmark, in milliseconds: {@code send} (stroke end to the
     * request posted: the screen-sized alpha brought up to date and copied), {@code to} (to the preview worker's
     * message handler), {@code queue} (waiting there behind earlier work), {@code solve} (the worker's solve),
     * {@code bitmap} (the cutout's bitmap over the changed rectangle), {@code back} (to the page's handler),
     * {@code draw} (drawing it over the canvas), {@code frame} (to the next animation frame, where the total is taken).
     * A part is null when the worker could not time it (another request arrived after this one).
     */
    private String parts(Request request, StrokesSolved answer, double receivedAt, double drawnAt,
            double frameAt) {
        double arrived = answer.getArrivedAt();
        double bitmapDone = answer.getStartedAt() + answer.getSolveMs();
        return "{\"send\":" + ms(request.sentAt - request.ended.at) + ",\"to\":" + ms(arrived - request.sentAt)
                + ",\"queue\":" + ms(answer.getStartedAt() - arrived) + ",\"solve\":" + ms(answer.getSolveMs())
                + ",\"bitmap\":" + ms(answer.getPostedAt() - bitmapDone) + ",\"back\":"
                + ms(receivedAt - answer.getPostedAt()) + ",\"draw\":" + ms(drawnAt - receivedAt) + ",\"frame\":"
                + ms(frameAt - drawnAt) + ",\"width\":" + grid.previewWidth + ",\"height\":" + grid.previewHeight
                + "}";
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "null" : Double.toString(Math.round(v * 10) / 10.0);
    }

    /** When a stroke ended (or the edit that asks again): on the page's clock and on the one shared with workers. */
    private static final class Ended {
        final double now = Performance.now();
        final double at = Global.clock();
    }

    /**
     * A request on its way: its strokes (passed on to the full-resolution worker), when the stroke ended and when the
     * request was posted to the preview worker.
     */
    private static final class Request {
        final Float32Array strokes;
        final Ended ended;
        double sentAt = Double.NaN;

        Request(Float32Array strokes, Ended ended) {
            this.strokes = strokes;
            this.ended = ended;
        }
    }

    /**
     * One strokes worker; messages wait until it has started ({@link HelperWorker}). It owes an answer to each open
     * and to the newest solve posted since (the worker skips older solves it has not begun when a newer one comes,
     * without a word, but always answers the newest); silent that long while it owes one, it is ended, the pending
     * strokes fail with a message, and the next stroke opens the photo in a fresh worker.
     */
    private final class Lane {
        private final HelperWorker worker;
        /** The photo this worker last said it holds; -1 before. */
        int opened = -1;
        /** Whether it has that photo's model mask too. */
        boolean modelMask;
        /** Whether the last open is unanswered; the newest solve unanswered since (0: none). */
        private boolean openOwed;
        private int solveOwed;
        /** The photo's size, for the answer deadline. */
        private double pixels;

        Lane(String name) {
            worker = new HelperWorker(Global.baseUrl() + "worker.js", name, new HelperWorker.Listener() {
                @Override
                public void receive(Message message) {
                    EditorStrokes.this.receive(Lane.this, message);
                }

                @Override
                public void failed(int tries) {
                    fail(Texts.t("error.helper", tries));
                }

                @Override
                public void hung(double silentMs) {
                    openOwed = false;
                    solveOwed = 0;
                    opened = -1;
                    // Both workers open the photo again with the next stroke: this one is fresh.
                    openId = -1;
                    fail(Texts.t("error.strokes.hung", Math.round(silentMs / 1000)));
                }
            });
        }

        private void fail(String text) {
            Item item = photo.get();
            if (item != null) {
                cancelPending(item);
            }
            setState("error");
            listener.failed(text);
        }

        void postOpen(StrokesOpen message, Item item) {
            openOwed = true;
            // Solves for the photo held before may now be skipped.
            solveOwed = 0;
            pixels = (double) item.width * item.height;
            worker.post(message, null);
            owing();
        }

        /** @param transfer a buffer to move with the message */
        void postSolve(StrokesSolve message, JSObject transfer) {
            solveOwed = message.getSeq();
            worker.post(message, transfer);
            owing();
        }

        /** Notes what {@code message} from this worker answers. */
        void answered(Message message) {
            switch (message.getType()) {
                case Message.STROKES_OPENED:
                    openOwed = false;
                    break;
                case Message.STROKES_SOLVED:
                    if (((StrokesSolved) message).getSeq() >= solveOwed) {
                        solveOwed = 0;
                    }
                    break;
                case Message.ERROR:
                    openOwed = false;
                    solveOwed = 0;
                    break;
                default:
                    break;
            }
            owing();
        }

        private void owing() {
            worker.owing(openOwed || solveOwed > 0 ? HelperWorker.answerDeadlineMs(pixels) : 0);
        }
    }
}

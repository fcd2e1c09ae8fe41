package app.cutout.web.worker;

import app.cutout.core.edit.Confidence;
import app.cutout.core.edit.Rect;
import app.cutout.core.image.Refusal;
import app.cutout.core.pipeline.Notice;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.Session;
import app.cutout.core.pipeline.Stage;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.WorkerScope;
import app.cutout.web.protocol.Addressed;
import app.cutout.web.protocol.Coded;
import app.cutout.web.protocol.DecodedMessage;
import app.cutout.web.protocol.ErrorMessage;
import app.cutout.web.protocol.FileMessage;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.PreviewMessage;
import app.cutout.web.protocol.ProgressMessage;
import app.cutout.web.protocol.ResultMessage;
import app.cutout.web.protocol.RoughMessage;
import app.cutout.web.protocol.SessionMessage;
import app.cutout.web.protocol.StalledMessage;
import app.cutout.web.protocol.StartingMessage;
import app.cutout.web.protocol.WarmedMessage;
import app.cutout.web.protocol.StrokesOpened;
import app.cutout.web.protocol.StrokesSolved;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Messages from a worker to the page, one typed message per kind; failures and notices as codes, never sentences. */
final class Outbox {
    private final WorkerScope scope;

    Outbox(WorkerScope scope) {
        this.scope = scope;
    }

    void ready() {
        send(Message.of(Message.READY));
    }

    void progress(int id, Stage stage, double done, double total) {
        ProgressMessage message = Message.of(Message.PROGRESS);
        message.setId(id);
        message.setStage(stage.id);
        message.setLoaded(done);
        message.setTotal(total);
        send(message);
    }

    void decoded(int id, int width, int height, int sourceWidth, int sourceHeight) {
        DecodedMessage message = Message.of(Message.DECODED);
        message.setId(id);
        message.setWidth(width);
        message.setHeight(height);
        message.setSourceWidth(sourceWidth);
        message.setSourceHeight(sourceHeight);
        send(message);
    }

    void warmedUp(int runs, double ms, boolean wide) {
        WarmedMessage message = Message.of(Message.WARMED);
        message.setRuns(runs);
        message.setMs(ms);
        message.setWide(wide);
        send(message);
    }

    void starting(boolean on) {
        StartingMessage message = Message.of(Message.STARTING);
        message.setOn(on);
        send(message);
    }

    void stalled(double waitedMs) {
        StalledMessage message = Message.of(Message.STALLED);
        message.setWaitedMs(waitedMs);
        send(message);
    }

    void session(Session session) {
        SessionMessage message = Message.of(Message.SESSION);
        message.setRuntime(session.runtime);
        message.setBackend(session.plan.backend.id);
        message.setModel(session.plan.model.id);
        message.setThreads(session.threads);
        message.setAdapter(session.adapter);
        JSArray<Coded> notices = new JSArray<>();
        for (Notice notice : session.notices) {
            notices.push(Coded.of(notice.code, notice.args));
        }
        message.setNotices(notices);
        send(message);
    }

    /** The unrefined mask as a bitmap, moved (not copied) to the page. */
    void rough(int id, ImageBitmap mask) {
        RoughMessage message = Message.of(Message.ROUGH);
        message.setId(id);
        message.setMask(mask);
        JSArray<JSObject> transfer = new JSArray<>();
        transfer.push(mask);
        scope.postMessage(message, transfer);
    }

    /** The finished cutout as a bitmap, moved (not copied) to the page, so it can be shown before the PNG exists. */
    void preview(int id, ImageBitmap bitmap, int width, int height, String timings) {
        PreviewMessage message = Message.of(Message.PREVIEW);
        message.setId(id);
        message.setBitmap(bitmap);
        message.setWidth(width);
        message.setHeight(height);
        message.setTimings(timings);
        JSArray<JSObject> transfer = new JSArray<>();
        transfer.push(bitmap);
        scope.postMessage(message, transfer);
    }

    /**
     * @param model the model's mask before refinement, 8-bit, {@code ModelSpec.SIZE}² (at the photo's aspect-ratio
     *     input size under {@code ?ort=input:aspect}), or null (strength 0)
     * @param sourceWidth the photo's own size when the cutout was made from a smaller copy, else 0
     * @param animated the file is an animation and its first frame was used
     * @param confidence the result's score and, when it needs a look, why (codes)
     */
    void result(int id, Blob png, Blob model, int width, int height, String timings, int sourceWidth,
            int sourceHeight, boolean animated, Confidence.Report confidence) {
        ResultMessage message = Message.of(Message.RESULT);
        message.setId(id);
        message.setPng(png);
        message.setModelMask(model);
        message.setWidth(width);
        message.setHeight(height);
        message.setTimings(timings);
        message.setSourceWidth(sourceWidth);
        message.setSourceHeight(sourceHeight);
        message.setAnimated(animated);
        message.setConfidence(confidence.score);
        JSArray<JSString> reasons = new JSArray<>();
        for (String code : confidence.reasons()) {
            reasons.push(JSString.valueOf(code));
        }
        message.setCheckReasons(reasons);
        send(message);
    }

    void exported(int id, Blob file) {
        file(Message.EXPORTED, id, file);
    }

    void zipped(int id, Blob archive) {
        file(Message.ZIPPED, id, archive);
    }

    private void file(String type, int id, Blob file) {
        FileMessage message = Message.of(type);
        message.setId(id);
        message.setFile(file);
        send(message);
    }

    /** A strokes worker has decoded the photo it was given and is ready to solve, with the model's mask or not. */
    void strokesOpened(int id, boolean modelMask) {
        StrokesOpened message = Message.of(Message.STROKES_OPENED);
        message.setId(id);
        message.setModelMask(modelMask);
        send(message);
    }

    /**
     * A strokes worker's answer; the bitmap (preview) and the alpha buffer are moved, not copied.
     *
     * @param changed the changed rectangle in full-resolution pixels, or null when nothing changed
     * @param arrivedAt when the request reached the worker, {@code startedAt} when the worker began on it
     *     ({@code Global.clock()})
     */
    void strokesSolved(int id, int seq, Rect changed, ImageBitmap bitmap, ArrayBuffer alpha, double solveMs,
            double arrivedAt, double startedAt) {
        StrokesSolved message = Message.of(Message.STROKES_SOLVED);
        message.setId(id);
        message.setSeq(seq);
        message.setArrivedAt(arrivedAt);
        message.setStartedAt(startedAt);
        if (changed != null) {
            message.setX(changed.x);
            message.setY(changed.y);
            message.setWidth(changed.width);
            message.setHeight(changed.height);
        }
        message.setSolveMs(solveMs);
        JSArray<JSObject> transfer = new JSArray<>();
        if (bitmap != null) {
            message.setBitmap(bitmap);
            transfer.push(bitmap);
        }
        if (alpha != null) {
            message.setAlpha(alpha);
            transfer.push(alpha);
        }
        message.setPostedAt(Global.clock());
        scope.postMessage(message, transfer);
    }

    void failed(int id, String stage, Problem problem) {
        send(error(id, stage, problem.code, problem.args));
    }

    /** A refused file: its code, and for photos past the size limits the smaller size offered. */
    void refused(int id, String stage, Refusal refusal) {
        ErrorMessage message = error(id, stage, refusal.code, refusal.args());
        message.setRefused(true);
        message.setFitWidth(refusal.fitWidth);
        message.setFitHeight(refusal.fitHeight);
        send(message);
    }

    private static ErrorMessage error(int id, String stage, String code, Object[] args) {
        ErrorMessage message = Message.of(Message.ERROR);
        message.setId(id);
        message.setStage(stage);
        Coded coded = Coded.of(code, args);
        message.setCode(coded.getCode());
        message.setArgs(coded.getArgs());
        return message;
    }

    private void send(Message message) {
        scope.postMessage(message, new JSArray<JSObject>());
    }
}

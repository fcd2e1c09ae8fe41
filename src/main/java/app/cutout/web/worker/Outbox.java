package app.cutout.web.worker;

import app.cutout.core.model.Plan;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.WorkerScope;
import app.cutout.web.protocol.Message;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.file.Blob;

/** Messages from the worker to the page. */
final class Outbox {
    private final WorkerScope scope;

    Outbox(WorkerScope scope) {
        this.scope = scope;
    }

    void ready() {
        send(Message.of(Message.READY));
    }

    void progress(int id, String stage, double done, double total) {
        Message message = Message.of(Message.PROGRESS);
        message.setId(id);
        message.setStage(stage);
        message.setLoaded(done);
        message.setTotal(total);
        send(message);
    }

    /** @param runtime the ONNX Runtime build in use: {@code webgpu} or {@code wasm} (its file's name) */
    void backend(Plan plan, int threads, String adapter, String note, String runtime) {
        Message message = Message.of(Message.BACKEND);
        message.setRuntime(runtime);
        message.setBackend(plan.backend.id);
        message.setModel(plan.model.id);
        message.setThreads(threads);
        message.setAdapter(adapter);
        message.setText(note);
        send(message);
    }

    /** The finished cutout as a bitmap, moved (not copied) to the page, so it can be shown before the PNG exists. */
    void preview(int id, ImageBitmap bitmap, int width, int height, String timings) {
        Message message = Message.of(Message.PREVIEW);
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
     * @param sourceWidth the photo's own size when the cutout was made from a smaller copy, else 0
     * @param animated the file is an animation and its first frame was used
     */
    void result(int id, Blob png, int width, int height, String timings, int sourceWidth, int sourceHeight,
            boolean animated) {
        Message message = Message.of(Message.RESULT);
        message.setId(id);
        message.setPng(png);
        message.setWidth(width);
        message.setHeight(height);
        message.setTimings(timings);
        message.setSourceWidth(sourceWidth);
        message.setSourceHeight(sourceHeight);
        message.setAnimated(animated);
        send(message);
    }

    void exported(int id, Blob file) {
        Message message = Message.of(Message.EXPORTED);
        message.setId(id);
        message.setPng(file);
        send(message);
    }

    void zipped(int id, Blob archive) {
        Message message = Message.of(Message.ZIPPED);
        message.setId(id);
        message.setPng(archive);
        send(message);
    }

    void error(int id, String stage, String text) {
        error(id, stage, text, "", "", "");
    }

    /** An error the page can word itself: {@code code} names the kind, {@code name} and {@code format} the file. */
    void error(int id, String stage, String text, String code, String name, String format) {
        Message message = Message.of(Message.ERROR);
        message.setId(id);
        message.setStage(stage);
        message.setText(text);
        message.setCode(code);
        message.setName(name);
        message.setFormat(format);
        send(message);
    }

    /** A refused file: its code, and for photos past the size limits their size and the smaller size offered. */
    void refused(int id, String stage, RefusedImageException e, String name) {
        Message message = Message.of(Message.ERROR);
        message.setId(id);
        message.setStage(stage);
        message.setText(e.getMessage());
        message.setCode(e.code);
        message.setName(name);
        message.setFormat(e.format);
        message.setWidth(e.width);
        message.setHeight(e.height);
        message.setFitWidth(e.fitWidth);
        message.setFitHeight(e.fitHeight);
        send(message);
    }

    private void send(Message message) {
        scope.postMessage(message, new JSArray<JSObject>());
    }
}

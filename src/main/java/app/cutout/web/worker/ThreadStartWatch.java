package app.cutout.web.worker;

import app.cutout.core.pipeline.EngineStalls;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Notices when ONNX Runtime's WebAssembly threads never start, which would otherwise leave this worker, and every
 * photo queued behind it, waiting forever.
 *
 * <p>The runtime starts its threads as Emscripten pthreads: nested workers named {@code em-pthread…}, each sent a
 * {@code load} message with the compiled module and answering {@code loaded} once it has instantiated it; the
 * runtime's start waits for every answer, with no timeout. In Firefox ESR 153 under load the answer sometimes never
 * comes: the thread receives {@code load} and then stays silent, with no error anywhere (on the 2-core AMD EPYC: in 4
 * of 62 cold page opens with both cores otherwise busy, 4 of 12 while a build ran beside it, none of 6 idle; and in
 * CI, where it held four Firefox tests until their timeouts). Nothing inside the worker can undo that, so
 * {@link #install} wraps the global {@code Worker} constructor before the runtime loads: a thread that has not
 * answered its first message within the deadline is reported once, and the page then ends this worker and starts
 * another ({@link EngineStalls}), which almost always starts its threads at once. A thread
 * that does start answers within 2–11 ms (Firefox, both cores busy, 16 page opens), so the first deadline of 10 s
 * is far from any thread that is merely slow.
 *
 * <p>The wrapper only times the first exchange of workers whose name starts with {@code em-pthread}; it changes
 * nothing that is sent or received.
 */
final class ThreadStartWatch {
    /** What the page is told; called at most once per worker. */
    @JSFunctor
    interface Stalled extends JSObject {
        void stalled(double waitedMs);
    }

    private ThreadStartWatch() {
    }

    /** Wraps {@code Worker} in this worker's global scope; a thread that stays silent past the deadline calls back. */
    static void install(Stalled onStall) {
        wrap(EngineStalls.FIRST_DEADLINE_MS, onStall);
    }

    /** Sets the deadline for threads started after this call (the page lengthens it after each stall it saw). */
    static void deadline(double ms) {
        if (ms > 0) {
            setDeadline(ms);
        }
    }

    @JSBody(params = "ms", script = "if (self.__cutoutThreadDeadline) { self.__cutoutThreadDeadline.ms = ms; }")
    private static native void setDeadline(double ms);

    @JSBody(params = { "ms", "onStall" }, script = ""
            + "var Base = self.Worker;"
            + "if (typeof Base !== 'function' || self.__cutoutThreadDeadline) { return; }"
            + "var deadline = { ms: ms, reported: false };"
            + "self.__cutoutThreadDeadline = deadline;"
            + "function Watched(url, options) {"
            + "  var worker = new Base(url, options);"
            + "  if (!options || typeof options.name !== 'string' || options.name.indexOf('em-pthread') !== 0) {"
            + "    return worker;"
            + "  }"
            + "  var timer = 0; var answered = false; var send = worker.postMessage;"
            + "  worker.postMessage = function () {"
            + "    if (!answered && !timer) {"
            + "      var asked = performance.now();"
            + "      timer = setTimeout(function () {"
            + "        if (!answered && !deadline.reported) {"
            + "          deadline.reported = true; onStall(performance.now() - asked);"
            + "        }"
            + "      }, deadline.ms);"
            + "    }"
            + "    return send.apply(worker, arguments);"
            + "  };"
            + "  worker.addEventListener('message', function () { answered = true; clearTimeout(timer); },"
            + "      { once: true });"
            + "  return worker;"
            + "}"
            + "Watched.prototype = Base.prototype;"
            + "self.Worker = Watched;")
    private static native void wrap(double ms, Stalled onStall);
}

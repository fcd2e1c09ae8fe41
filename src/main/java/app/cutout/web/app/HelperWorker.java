package app.cutout.web.app;

import app.cutout.core.pipeline.EngineStalls;
import app.cutout.core.pipeline.StartWatch;
import app.cutout.web.jso.browser.ModuleWorker;
import app.cutout.web.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSArray;

/**
 * A worker that serves the page on demand (the export worker, the two strokes workers), and the messages that wait
 * for it to start. Firefox sometimes never starts a worker under load (README, "Robust"); the inference workers are
 * watched by {@link Processor}, and these by the same rule ({@link StartWatch}, {@link EngineStalls}): one that has
 * not said it is ready within the deadline (30 s, doubled per try) is ended and a fresh one started, and what waited
 * goes to the fresh one. After {@link EngineStalls#MAX_IN_A_ROW} tries in a row, what waited is dropped and
 * {@link Listener#failed} says so; the next message starts a worker again.
 *
 * <p>A started worker is watched again while its owner says it owes an answer ({@link #owing}): silent for the
 * owner's deadline then, it is taken as hung (a job that never ends, a worker the browser stopped running), ended,
 * and {@link Listener#hung} tells the owner, whose waiting work is lost but nothing else; the next message starts a
 * fresh worker.
 */
final class HelperWorker {
    interface Listener {
        /** A message from the worker, other than its {@code ready}. */
        void receive(Message message);

        /** The worker did not start in {@code tries} tries in a row; the messages that waited for it are dropped. */
        void failed(int tries);

        /**
         * The worker owed an answer and said nothing for {@code silentMs}; it was ended. Only an owner that calls
         * {@link #owing} hears it.
         */
        void hung(double silentMs);
    }

    /**
     * How long a helper may be silent while it owes an answer about a photo of {@code pixels}: 60 s, or 5 µs a pixel
     * where that is more (100 MP: 500 s). A 12 MP export takes 1–5 s on a 2-core machine, even a loaded one
     * (bench/README.md, "Size presets": 4.4 s at load 16), a full-resolution stroke well under a second, and a ZIP
     * answers after each photo.
     */
    static double answerDeadlineMs(double pixels) {
        return Math.max(60_000, 0.005 * pixels);
    }

    private final String url;
    private final String name;
    private final Listener listener;
    private final EngineStalls stalls = new EngineStalls();
    private final List<Runnable> waiting = new ArrayList<>();
    /** The worker, or null after it failed to start until a message asks for one again. */
    private ModuleWorker worker;
    private StartWatch watch;
    private boolean ready;
    /** How long the worker may be silent while the owner waits for an answer ({@link #owing}); 0 while it does not. */
    private double answerDeadlineMs;
    private final StartLooks looks = new StartLooks(this::look);

    HelperWorker(String url, String name, Listener listener) {
        this.url = url;
        this.name = name;
        this.listener = listener;
        start();
    }

    /** Sends at once if the worker is ready, else when it is; {@code transfer}: a buffer moved with it, or null. */
    void post(Message message, JSObject transfer) {
        JSArray<JSObject> list = new JSArray<>();
        if (transfer != null) {
            list.push(transfer);
        }
        if (ready) {
            worker.postMessage(message, list);
            return;
        }
        // Posted only once a worker is ready: the one of that time, a replacement if this one never started.
        waiting.add(() -> worker.postMessage(message, list));
        if (worker == null) {
            start();
        }
    }

    /**
     * The owner now waits for an answer to what it posted, and a started worker silent for {@code deadlineMs} is to be
     * ended ({@link Listener#hung}); 0: it has every answer it waits for.
     */
    void owing(double deadlineMs) {
        answerDeadlineMs = deadlineMs;
        if (worker != null) {
            watch.owing(deadlineMs > 0, Performance.now());
            if (deadlineMs > 0) {
                looks.soon();
            }
        }
    }

    private void start() {
        ready = false;
        watch = new StartWatch(Performance.now());
        watch.owing(answerDeadlineMs > 0, Performance.now());
        ModuleWorker started = new ModuleWorker(url, ModuleWorker.Options.module(name));
        worker = started;
        started.addEventListener("message", event -> {
            if (worker == started) {
                received((Message) event.getData());
            }
        });
        looks.soon();
    }

    private void received(Message message) {
        if (!Message.READY.equals(message.getType())) {
            watch.heard(Performance.now());
            listener.receive(message);
            return;
        }
        ready = true;
        watch.ready(Performance.now());
        stalls.started();
        for (Runnable send : waiting) {
            send.run();
        }
        waiting.clear();
    }

    /**
     * Replaces a worker that has not started by the deadline, and ends one that owes an answer and has been silent
     * for the owner's deadline; a look that came late finds the page was paused.
     */
    private void look(double now, boolean paused) {
        if (worker == null || ready && answerDeadlineMs <= 0) {
            return;
        }
        double silent = watch.silentMs(now);
        if (!watch.stuck(now, paused, ready ? answerDeadlineMs : stalls.quietDeadlineMs())) {
            looks.soon();
            return;
        }
        worker.terminate();
        if (ready) {
            worker = null;
            ready = false;
            answerDeadlineMs = 0;
            listener.hung(silent);
            return;
        }
        int tries = stalls.inARow() + 1;
        if (stalls.stalled()) {
            start();
        } else {
            worker = null;
            boolean anyWaited = !waiting.isEmpty();
            waiting.clear();
            if (anyWaited) {
                listener.failed(tries);
            }
        }
    }
}

package app.cutout.core.pipeline;

/**
 * The page's watch over one inference worker while it cannot be trusted to finish by itself: from its creation until
 * it says it is ready, and while it says it is starting its engine (probing the device, reading or downloading the
 * model, starting the runtime and its session). Every message from the worker is a sign of life; a worker silent in
 * that window for longer than the deadline ({@link EngineStalls#quietDeadlineMs}) is taken as stuck, whatever it is
 * stuck on, and the page replaces it as it does for a silent thread ({@link EngineStalls}).
 *
 * <p>Outside that window nothing is watched: decoding a photo, its inference and its finishing are long stretches
 * with nothing to say, and a worker that is idle waits for work. A helper worker (export, strokes) is watched the
 * same way while it owes the page an answer ({@link #owing}).
 *
 * <p>Silence is only evidence while the page itself ran: a page that was paused (a hidden tab frozen, a laptop
 * asleep) pauses its workers too, and its first look after waking would find them all silent. The page looks every
 * second; a look more than {@link #LATE_LOOK_MS} late means the page did not run meanwhile ({@link #pageWasPaused}),
 * and every clock starts again instead ({@link #stuck}).
 */
public final class StartWatch {
    /** How late the page's look may come before the page is taken to have been paused. */
    public static final double LATE_LOOK_MS = 5_000;

    private boolean loading = true;
    private boolean starting;
    private boolean owing;
    private double heard;

    /** A worker created at {@code now}: watched until it is ready. */
    public StartWatch(double now) {
        heard = now;
    }

    /** A message came from the worker. */
    public void heard(double now) {
        heard = Math.max(heard, now);
    }

    /** The worker said it is ready for work. */
    public void ready(double now) {
        loading = false;
        heard(now);
    }

    /** The worker began ({@code true}, repeated while a download moves on) or ended starting its engine. */
    public void starting(boolean on, double now) {
        starting = on;
        heard(now);
    }

    /**
     * A helper worker (export, strokes) was given work it owes the page an answer for ({@code true}), or has answered
     * all of it. Unlike an inference run, a helper's job speaks often enough to be watched: an export answers within
     * seconds, and each photo of a ZIP answers on its own.
     */
    public void owing(boolean on, double now) {
        owing = on;
        // Silence counts from the job's start, not from the idle time before it.
        heard(now);
    }

    /** Whether the worker is in the watched window. */
    public boolean watching() {
        return loading || starting || owing;
    }

    /** How long the worker has been silent in the watched window at {@code now}; 0 outside it. */
    public double silentMs(double now) {
        return watching() ? Math.max(0, now - heard) : 0;
    }

    /** Whether a look due at {@code dueAt} and made at {@code now} says that the page was paused in between. */
    public static boolean pageWasPaused(double dueAt, double now) {
        return now - dueAt > LATE_LOOK_MS;
    }

    /** Whether the worker has been silent in the watched window for longer than {@code deadlineMs}. */
    public boolean overdue(double now, double deadlineMs) {
        return silentMs(now) > deadlineMs;
    }

    /**
     * The page's look at {@code now}: whether the worker is to be replaced. After a page that was paused
     * ({@link #pageWasPaused}) its silence is no evidence, and its clock starts again instead.
     */
    public boolean stuck(double now, boolean pagePaused, double deadlineMs) {
        if (pagePaused) {
            heard(now);
            return false;
        }
        return overdue(now, deadlineMs);
    }
}

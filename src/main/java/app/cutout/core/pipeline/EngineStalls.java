package app.cutout.core.pipeline;

/**
 * What the page does when an inference worker's engine never starts, which would leave the worker, and every photo
 * queued behind it, waiting forever. Two watches report it:
 * <ul>
 * <li>a thread's: ONNX Runtime's WebAssembly threads are nested workers, and the runtime waits without a deadline for
 * each to answer once it has loaded; when one stays silent (seen in Firefox under load), the worker reports it after
 * {@link #deadlineMs};
 * <li>the page's, over everything else ({@link StartWatch}): a worker that has not become ready, or is starting its
 * engine, and has given no sign of progress for {@link #quietDeadlineMs}.
 * </ul>
 * Either way the page ends that worker, starts a fresh one and puts the photo it had back at the head of the queue
 * ({@link #stalled}), giving the next worker twice as long, so that a device merely slow gets there too. After
 * {@link #MAX_IN_A_ROW} stalls in a row the photo fails with a message instead of waiting on. An engine that starts
 * ({@link #started}) ends the row.
 */
public final class EngineStalls {
    /**
     * The first deadline for a thread's first answer. Instantiating the runtime's already compiled module in a thread
     * took well under a second in Chromium and Firefox on 2 busy cores; a stall costs this long plus a fresh worker's
     * start, against forever.
     */
    public static final double FIRST_DEADLINE_MS = 10_000;
    /**
     * The first deadline for a worker's silence while it loads or starts its engine ({@link StartWatch}). Every step
     * in that window is local work of at most a few seconds (compiling the runtime, starting a session, a short
     * warm-up) or a download that says how far it got; the longest silence measured was under 2 s, in Firefox on 2
     * busy cores.
     */
    public static final double QUIET_FIRST_MS = 30_000;
    /** Stalls in a row after which the photo fails (10 + 20 + 40 + 80 s of waiting by then). */
    public static final int MAX_IN_A_ROW = 4;

    private int total;
    private int inARow;

    /** The deadline for the threads of the next worker's engine: {@link #FIRST_DEADLINE_MS}, doubled per stall. */
    public double deadlineMs() {
        return doubled(FIRST_DEADLINE_MS);
    }

    /** The page's deadline for the next worker's silence: {@link #QUIET_FIRST_MS}, doubled per stall in the row. */
    public double quietDeadlineMs() {
        return doubled(QUIET_FIRST_MS);
    }

    private double doubled(double firstMs) {
        return firstMs * (1 << Math.min(inARow, MAX_IN_A_ROW));
    }

    /**
     * A worker's engine did not start and the worker is being replaced.
     *
     * @return whether the photo it had goes back to the queue; false when it fails, which also ends the row (the
     *     user's Try again starts from the first deadline)
     */
    public boolean stalled() {
        total++;
        inARow++;
        if (inARow >= MAX_IN_A_ROW) {
            inARow = 0;
            return false;
        }
        return true;
    }

    /** An engine started (a session or a warm-up came back): the next stall is the first of a new row. */
    public void started() {
        inARow = 0;
    }

    /** Stalls in the current row, which is what the failure's message counts. */
    public int inARow() {
        return inARow;
    }

    /** Stalls so far, on this page. */
    public int total() {
        return total;
    }
}

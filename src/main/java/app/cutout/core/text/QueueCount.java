package app.cutout.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The photos of a queue (or of one batch, the files chosen, dropped or pasted together), counted by what became of
 * them: the status line's words for them and what a finished batch ends in.
 *
 * <p>Refused files (the file itself cannot be used: empty, not an image, damaged, too large) are counted apart from
 * photos that failed for another reason (the model download, the worker): the first are the file's to fix, the
 * second may work when tried again. A batch where some photos came out and others did not has not failed, so it
 * ends in {@link Outcome#DONE} and the status line says how many did not; only a batch with nothing done ends in
 * {@link Outcome#ERROR}.
 */
public final class QueueCount {
    /** What a finished batch ends in; the names are the page's {@code #status[data-state]} values, upper case. */
    public enum Outcome {
        /** At least one photo is done (the others' rows say why they are not). */
        DONE,
        /** Nothing is done and at least one photo was refused or failed. */
        ERROR,
        /** Every photo was cancelled. */
        CANCELLED
    }

    private int total;
    private int done;
    private int refused;
    private int failed;
    private int cancelled;

    /** A photo that is done. */
    public void addDone() {
        total++;
        done++;
    }

    /** A file that was refused: the file itself cannot be used. */
    public void addRefused() {
        total++;
        refused++;
    }

    /** A photo that failed for another reason than its file. */
    public void addFailed() {
        total++;
        failed++;
    }

    public void addCancelled() {
        total++;
        cancelled++;
    }

    /** A photo still waiting or being processed. */
    public void addPending() {
        total++;
    }

    public int total() {
        return total;
    }

    /** Nothing is waiting or being processed. */
    public boolean finished() {
        return done + refused + failed + cancelled == total;
    }

    public Outcome outcome() {
        if (done > 0) {
            return Outcome.DONE;
        }
        return refused + failed > 0 ? Outcome.ERROR : Outcome.CANCELLED;
    }

    /**
     * How many are done of how many, then how many were refused, failed or cancelled, where there are any: "3 of 5
     * done · 2 files could not be opened".
     */
    public String line() {
        List<String> parts = new ArrayList<>();
        parts.add(Texts.t("status.batch", done, total));
        part(parts, refused, "batch.refused");
        part(parts, failed, "batch.failed");
        part(parts, cancelled, "batch.cancelled");
        return String.join(" · ", parts);
    }

    private static void part(List<String> parts, int n, String key) {
        if (n == 1) {
            parts.add(Texts.t(key + ".one"));
        } else if (n > 1) {
            parts.add(Texts.t(key + ".many", n));
        }
    }
}

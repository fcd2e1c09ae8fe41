package app.cutout.core.edit;

import app.cutout.core.refine.Stroke;
import java.util.ArrayList;
import java.util.List;

/**
 * One photo's Keep/Remove strokes and the solves they wait for. Every solve sees every stroke so far, so the page
 * keeps them all: <em>applied</em> ones (their solved alpha is in the photo's alpha, as one undo step each) and
 * <em>pending</em> ones (sent to be solved; the answer has not come back).
 *
 * <p>Each request to solve gets a sequence number. An answer is used only if nothing else changed the alpha since its
 * request was sent ({@link #edited} and {@link #cancelPending} make every request in flight stale); it then applies
 * the pending strokes its request covered, which become one undo step ({@link Step}, the {@link UndoStack} tag).
 *
 * <p>A stroke travels as floats: {@code kind} (0 Keep, 1 Remove), {@code radius}, the number of points, then
 * {@code x0, y0, x1, y1, ...} in photo pixels; {@link #request} puts several after their count.
 */
public final class StrokeEdits {
    public static final int KEEP = 0;
    public static final int REMOVE = 1;

    private final List<float[]> applied = new ArrayList<>();
    private final List<float[]> pending = new ArrayList<>();
    /** Per pending stroke, the last request that covers it. */
    private final List<Integer> pendingSeq = new ArrayList<>();
    private int seq;
    /** Answers to requests before this one are stale. */
    private int validFrom = 1;

    /** The strokes one undo step applied, oldest first. */
    public static final class Step {
        final List<float[]> strokes;

        Step(List<float[]> strokes) {
            this.strokes = strokes;
        }

        public int size() {
            return strokes.size();
        }
    }

    /**
     * One stroke in the travelling form.
     *
     * @param points x0, y0, x1, y1, ... (at least one point)
     * @throws IllegalArgumentException for another kind, a radius that is not positive or no point
     */
    public static float[] stroke(int kind, float radius, float[] points) {
        if ((kind != KEEP && kind != REMOVE) || !(radius > 0) || points.length < 2 || points.length % 2 != 0) {
            throw new IllegalArgumentException("Expected kind 0 or 1, a positive radius and whole points, got "
                    + kind + ", " + radius + ", " + points.length + " coordinates");
        }
        float[] out = new float[3 + points.length];
        out[0] = kind;
        out[1] = radius;
        out[2] = points.length / 2f;
        System.arraycopy(points, 0, out, 3, points.length);
        return out;
    }

    /** A new stroke, pending; returns the sequence number of the request to send for it. */
    public int add(float[] stroke) {
        pending.add(stroke);
        pendingSeq.add(++seq);
        return seq;
    }

    /**
     * The alpha changed by other means (a brush, undo, redo): answers in flight are stale. Returns the sequence
     * number of a request to send again for the pending strokes, or 0 when none are pending.
     */
    public int edited() {
        if (pending.isEmpty()) {
            validFrom = seq + 1;
            return 0;
        }
        validFrom = ++seq;
        for (int i = 0; i < pendingSeq.size(); i++) {
            pendingSeq.set(i, seq);
        }
        return seq;
    }

    /** Drops the pending strokes (undo before their answer came); returns whether there were any. */
    public boolean cancelPending() {
        boolean any = !pending.isEmpty();
        pending.clear();
        pendingSeq.clear();
        validFrom = ++seq;
        return any;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The sequence number of the newest request. */
    public int latest() {
        return seq;
    }

    /** Whether an answer to request {@code answerSeq} may still be used (for its preview, say). */
    public boolean current(int answerSeq) {
        return answerSeq >= validFrom && !pending.isEmpty() && pendingSeq.get(0) <= answerSeq;
    }

    /**
     * The answer to request {@code answerSeq} arrived: if it is still good, the pending strokes it covers become
     * applied and their step is returned (the caller writes the answer's alpha as one undo step tagged with it);
     * else null, and the answer must be dropped.
     */
    public Step accept(int answerSeq) {
        if (!current(answerSeq)) {
            return null;
        }
        List<float[]> taken = new ArrayList<>();
        while (!pending.isEmpty() && pendingSeq.get(0) <= answerSeq) {
            taken.add(pending.remove(0));
            pendingSeq.remove(0);
        }
        applied.addAll(taken);
        return new Step(taken);
    }

    /** An undo step went back: if it was a stroke step, its strokes are no longer applied. */
    public void undone(Object tag) {
        if (tag instanceof Step) {
            int n = ((Step) tag).strokes.size();
            for (int i = 0; i < n; i++) {
                applied.remove(applied.size() - 1);
            }
        }
    }

    /** An undo step was re-applied: if it was a stroke step, its strokes are applied again. */
    public void redone(Object tag) {
        if (tag instanceof Step) {
            applied.addAll(((Step) tag).strokes);
        }
    }

    /** The number of applied strokes. */
    public int appliedCount() {
        return applied.size();
    }

    /** Every applied and pending stroke, oldest first: their count, then each stroke's floats. */
    public float[] request() {
        int length = 1;
        for (float[] s : applied) {
            length += s.length;
        }
        for (float[] s : pending) {
            length += s.length;
        }
        float[] out = new float[length];
        out[0] = applied.size() + pending.size();
        int at = 1;
        for (List<float[]> list : List.of(applied, pending)) {
            for (float[] s : list) {
                System.arraycopy(s, 0, out, at, s.length);
                at += s.length;
            }
        }
        return out;
    }

    /**
     * The strokes of a {@link #request}, as the solver takes them.
     *
     * @throws IllegalArgumentException if {@code request} is not in that form
     */
    public static List<Stroke> decode(float[] request) {
        if (request.length == 0) {
            throw new IllegalArgumentException("Expected a stroke count, got nothing");
        }
        int count = (int) request[0];
        List<Stroke> out = new ArrayList<>(count);
        int at = 1;
        for (int i = 0; i < count; i++) {
            if (at + 3 > request.length) {
                throw new IllegalArgumentException("Expected " + count + " strokes, got " + i);
            }
            int kind = (int) request[at];
            float radius = request[at + 1];
            int n = (int) request[at + 2];
            if (n < 1 || at + 3 + 2 * n > request.length || (kind != KEEP && kind != REMOVE)) {
                throw new IllegalArgumentException("Stroke " + i + " is malformed");
            }
            float[] points = new float[2 * n];
            System.arraycopy(request, at + 3, points, 0, 2 * n);
            out.add(new Stroke(kind == KEEP ? Stroke.Kind.KEEP : Stroke.Kind.REMOVE, radius, points));
            at += 3 + 2 * n;
        }
        return out;
    }
}

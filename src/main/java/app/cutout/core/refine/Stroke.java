package app.cutout.core.refine;

import java.util.Arrays;

/**
 * A rough user stroke in image pixels: {@link Kind#KEEP} ("this is subject") or {@link Kind#REMOVE} ("this is
 * background"). The stroke is a polyline swept by a disc of {@code radius}, in continuous image coordinates as
 * {@link app.cutout.core.edit.Brush} has them: pixel {@code (x, y)} covers {@code [x, x + 1) x [y, y + 1)} and lies
 * under the stroke when its centre {@code (x + 0.5, y + 0.5)} is within {@code radius} of the polyline. Immutable.
 */
public final class Stroke {
    /** What the user says about the pixels under the stroke. */
    public enum Kind {
        /** Subject: alpha 255 under the stroke. */
        KEEP,
        /** Background: alpha 0 under the stroke. */
        REMOVE
    }

    public final Kind kind;
    public final float radius;
    private final float[] points;

    /**
     * @param points {@code x0, y0, x1, y1, …}, at least one point; copied
     * @throws IllegalArgumentException if the kind is null, the radius is not positive and finite, or the points are
     *     empty, odd in number or not finite
     */
    public Stroke(Kind kind, float radius, float[] points) {
        if (kind == null) {
            throw new IllegalArgumentException("Expected a stroke kind, got null");
        }
        if (!(radius > 0f) || Float.isInfinite(radius)) {
            throw new IllegalArgumentException("Expected a positive finite radius, got " + radius);
        }
        if (points == null || points.length < 2 || points.length % 2 != 0) {
            throw new IllegalArgumentException("Expected x, y pairs, at least one, got "
                    + (points == null ? "null" : points.length + " numbers"));
        }
        for (float v : points) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("Expected finite stroke points, got " + v);
            }
        }
        this.kind = kind;
        this.radius = radius;
        this.points = points.clone();
    }

    /** The same stroke on the image resized by {@code factor} (points and radius scaled). */
    public Stroke scaled(float factor) {
        if (!(factor > 0f) || Float.isInfinite(factor)) {
            throw new IllegalArgumentException("Expected a positive finite factor, got " + factor);
        }
        float[] p = new float[points.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = points[i] * factor;
        }
        return new Stroke(kind, radius * factor, p);
    }

    /** Number of points. */
    public int size() {
        return points.length / 2;
    }

    public float x(int i) {
        return points[2 * i];
    }

    public float y(int i) {
        return points[2 * i + 1];
    }

    /** A copy of the points, {@code x0, y0, x1, y1, …}. */
    public float[] points() {
        return points.clone();
    }

    /** Squared distance from {@code (px, py)} to the segment from {@code (x0, y0)} to {@code (x1, y1)}. */
    static double segmentDistance2(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double ex = x0 + t * dx - px;
        double ey = y0 + t * dy - py;
        return ex * ex + ey * ey;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Stroke)) {
            return false;
        }
        Stroke s = (Stroke) o;
        return s.kind == kind && s.radius == radius && Arrays.equals(s.points, points);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Float.hashCode(radius)) * 31 + Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return "Stroke(" + kind + ", r=" + radius + ", " + size() + " points)";
    }
}

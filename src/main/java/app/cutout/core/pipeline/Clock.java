package app.cutout.core.pipeline;

/** Milliseconds from an arbitrary origin, for stage timings ({@code performance.now()}, {@code System.nanoTime()}). */
public interface Clock {
    double now();
}

package app.cutout.core.model;

import app.cutout.core.pipeline.Notice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The backend, model and thread count one session is created with, and why. */
public final class Plan {
    public final Backend backend;
    public final ModelSpec model;
    /** WASM threads; 1 on WebGPU, where the CPU only feeds the GPU. */
    public final int threads;
    /** What the user should know where the plan differs from what they asked for; empty otherwise. */
    public final List<Notice> notices;

    public Plan(Backend backend, ModelSpec model, int threads, List<Notice> notices) {
        this.backend = backend;
        this.model = model;
        this.threads = threads;
        this.notices = notices == null ? Collections.emptyList() : Collections.unmodifiableList(notices);
    }

    public Plan(Backend backend, ModelSpec model, int threads) {
        this(backend, model, threads, null);
    }

    /** This plan with one more notice. */
    public Plan with(Notice notice) {
        List<Notice> more = new ArrayList<>(notices);
        more.add(notice);
        return new Plan(backend, model, threads, more);
    }

    /** Same backend and model: a session for one serves the other. */
    public boolean sameSession(Plan other) {
        return other != null && backend == other.backend && model == other.model;
    }

    @Override
    public String toString() {
        return backend.id + "/" + model.id + "/" + threads;
    }
}

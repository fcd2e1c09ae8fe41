package app.cutout.core.model;

/** The backend, model and thread count one session is created with, and why. */
public final class Plan {
    public final Backend backend;
    public final ModelSpec model;
    /** WASM threads; 1 on WebGPU, where the CPU only feeds the GPU. */
    public final int threads;
    /** A sentence for the user when the plan differs from what they asked for; empty otherwise. */
    public final String note;

    public Plan(Backend backend, ModelSpec model, int threads, String note) {
        this.backend = backend;
        this.model = model;
        this.threads = threads;
        this.note = note == null ? "" : note;
    }

    public Plan withNote(String newNote) {
        return new Plan(backend, model, threads, newNote);
    }

    @Override
    public String toString() {
        return backend.id + "/" + model.id + "/" + threads;
    }
}

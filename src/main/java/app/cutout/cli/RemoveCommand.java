package app.cutout.cli;

import app.cutout.core.edit.Layout;
import app.cutout.core.edit.Look;
import app.cutout.core.files.Names;
import app.cutout.core.image.Refusal;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.pipeline.PipelineEvents;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.RemovalPipeline;
import app.cutout.core.pipeline.RemovalRequest;
import app.cutout.core.pipeline.Session;
import app.cutout.core.pipeline.Stage;
import app.cutout.core.pipeline.StageTimings;
import app.cutout.core.text.CheckText;
import app.cutout.core.text.Texts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./cutout remove [--out DIR] [--refine 0..100] [--threads N] IMAGE_OR_FOLDER...}: the browser's background
 * removal on this computer. It runs the same core {@link RemovalPipeline} as the browser worker, with JVM adapters in
 * place of the browser's: {@link FilePhoto} and {@link ImageIoDecoder} for the file, {@link ModelFiles} for the
 * verified model, {@link OrtEngines} (ONNX Runtime for Java, CPU) for inference and {@link PngOutput} for the result.
 * Photos run one after another in one session. Every sentence comes from {@link Texts}, in English.
 *
 * <p>Exit status: {@value #OK} when every photo was written, {@value #SOME_FAILED} when some could not be (the others
 * are written), {@value #USAGE} for a mistake in the command, {@value #NO_MODEL} when the model cannot be loaded.
 */
public final class RemoveCommand {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE = 2;
    public static final int NO_MODEL = 3;
    /** The suffix of the files written, and of those a folder walk skips as this command's own. */
    static final String SUFFIX = "-cutout";
    /**
     * Creating an ONNX Runtime session recurses about 12,000 native frames deep, which overflows a default 1 MiB Java
     * thread stack with a bare SIGSEGV (see e2e.ReferenceMask); the command runs on a thread with this much.
     */
    private static final long STACK_BYTES = 64L << 20;

    static {
        Texts.Cli.load();
    }

    private RemoveCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command, writing its messages to {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream err) {
        try {
            return onLargeStack(() -> runHere(args, err));
        } catch (RuntimeException | Error e) {
            err.println(Texts.problem(Problem.PROCESSING_FAILED, new Object[] {String.valueOf(e)}));
            return SOME_FAILED;
        }
    }

    /** Runs {@code task} on a thread with a stack deep enough for ONNX Runtime, and waits for it. */
    static <T> T onLargeStack(Supplier<T> task) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = task.get();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "cutout-remove", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** What the command line asked for. */
    static final class Options {
        final List<Path> inputs = new ArrayList<>();
        Path out;
        int refine = 100;
        int threads;
        String model = ModelSpec.QUINT8.id;
        Path models;
        boolean help;
        boolean timings;
        /** Size preset, shadow and outline, as the editor's: plain (the cutout as it is) unless asked for. */
        final Look look = new Look();

        /** What the output's name ends with, before {@code .png}: the preset's name when there is one. */
        String suffix() {
            String tag = look.fileTag();
            return tag == null ? SUFFIX : "." + tag + SUFFIX;
        }
    }

    /** A mistake in the command, worded. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    static Options parse(String[] args) throws UsageError {
        Options o = new Options();
        boolean optionsEnd = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnd || !arg.startsWith("-") || arg.equals("-")) {
                o.inputs.add(Path.of(arg));
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--":
                    optionsEnd = true;
                    break;
                case "-h":
                case "--help":
                    o.help = true;
                    break;
                case "--timings":
                    o.timings = true;
                    break;
                case "--out":
                    o.out = Path.of(value != null ? value : next(args, ++i, name));
                    break;
                case "--models":
                    o.models = Path.of(value != null ? value : next(args, ++i, name));
                    break;
                case "--refine":
                    o.refine = number(name, value != null ? value : next(args, ++i, name), 0, 100,
                            "cli.value.refine");
                    break;
                case "--threads":
                    o.threads = number(name, value != null ? value : next(args, ++i, name), 1, 256,
                            "cli.value.threads");
                    break;
                case "--preset": {
                    String preset = value != null ? value : next(args, ++i, name);
                    if (Arrays.stream(Layout.Preset.all()).noneMatch(p -> p.id.equals(preset))) {
                        throw new UsageError(Texts.t("cli.badValue", name, Texts.t("cli.value.preset"), preset));
                    }
                    o.look.choosePreset(preset);
                    break;
                }
                case "--shadow": {
                    String shadow = value != null ? value : next(args, ++i, name);
                    if (!"drop".equals(shadow) && !"contact".equals(shadow)) {
                        throw new UsageError(Texts.t("cli.badValue", name, Texts.t("cli.value.shadow"), shadow));
                    }
                    o.look.shadow = "drop".equals(shadow) ? Look.ShadowKind.DROP : Look.ShadowKind.CONTACT;
                    break;
                }
                case "--outline":
                    o.look.outlineWidth = number(name, value != null ? value : next(args, ++i, name), 0, 200,
                            "cli.value.outline");
                    break;
                case "--model": {
                    String model = value != null ? value : next(args, ++i, name);
                    if (!ModelSpec.QUINT8.id.equals(model) && !ModelSpec.FP16.id.equals(model)) {
                        throw new UsageError(Texts.t("cli.badValue", name, Texts.t("cli.value.model"), model));
                    }
                    o.model = model;
                    break;
                }
                default:
                    throw new UsageError(Texts.t("cli.badOption", arg));
            }
        }
        return o;
    }

    private static String next(String[] args, int i, String option) throws UsageError {
        if (i >= args.length) {
            throw new UsageError(Texts.t("cli.missingValue", option));
        }
        return args[i];
    }

    private static int number(String option, String text, int min, int max, String what) throws UsageError {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Worded below.
        }
        throw new UsageError(Texts.t("cli.badValue", option, Texts.t(what), text));
    }

    private static int runHere(String[] args, PrintStream err) {
        Texts.use("en");
        Options options;
        try {
            options = parse(args);
        } catch (UsageError e) {
            err.println(e.getMessage());
            err.println(Texts.t("cli.helpHint"));
            return USAGE;
        }
        if (options.help) {
            err.println(Texts.t("cli.help"));
            return OK;
        }
        if (options.inputs.isEmpty()) {
            err.println(Texts.t("cli.noInputs"));
            err.println(Texts.t("cli.helpHint"));
            return USAGE;
        }
        int status = OK;
        // Every photo with the file its cutout goes to, in the order given; folders in name order.
        Jobs list = new Jobs();
        for (Path input : options.inputs) {
            if (Files.isDirectory(input)) {
                List<Path> photos;
                try {
                    photos = photosIn(input);
                } catch (IOException | RuntimeException e) {
                    err.println(Texts.t("cli.cannotRead", input, reason(e)));
                    status = SOME_FAILED;
                    continue;
                }
                if (photos.isEmpty()) {
                    err.println(Texts.t("cli.noPhotos", input));
                    status = SOME_FAILED;
                }
                for (Path photo : photos) {
                    list.add(photo, outputFor(photo, input, options.out, options.suffix()));
                }
            } else if (Files.isRegularFile(input)) {
                list.add(input, outputFor(input, null, options.out, options.suffix()));
            } else {
                err.println(Texts.t("cli.notFound", input));
                status = SOME_FAILED;
            }
        }
        Map<Path, Path> jobs = list.targets;
        if (jobs.isEmpty()) {
            return status;
        }

        Outcome outcome = new Outcome();
        PipelineEvents events = new PipelineEvents() {
            @Override
            public void progress(int id, Stage stage, double done, double total) {
                // One line per photo, when it is finished.
            }

            @Override
            public void session(int id, Session s) {
                err.println(Texts.t(s.threads == 1 ? "using.cpu1" : "using.cpu", s.threads,
                        Texts.t("model.name." + s.plan.model.id)));
            }

            @Override
            public void refused(int id, Stage stage, Refusal refusal) {
                outcome.refusal = refusal;
            }

            @Override
            public void failed(int id, Stage stage, Problem problem) {
                outcome.problem = problem;
                outcome.stage = stage;
            }

            @Override
            public void cancelled(int id) {
                // Nothing cancels a run here.
            }
        };
        RemovalPipeline<byte[]> pipeline = new RemovalPipeline<>(
                new ModelFiles(options.models != null ? options.models : defaultModels()), new OrtEngines(),
                () -> System.nanoTime() / 1e6, events);
        int n = 0;
        int done = 0;
        long start = System.nanoTime();
        try {
            for (Map.Entry<Path, Path> job : jobs.entrySet()) {
                n++;
                Path photo = job.getKey();
                Path target = job.getValue();
                String counter = "[" + n + "/" + jobs.size() + "] ";
                outcome.refusal = null;
                outcome.problem = null;
                outcome.stage = null;
                PngOutput output = new PngOutput(target, options.look);
                RemovalRequest request = new RemovalRequest(n, "wasm", options.model, options.threads,
                        (float) (options.refine / 100.0), 0, 0, null);
                pipeline.run(request, new FilePhoto(photo), new ImageIoDecoder(), output);
                if (outcome.refusal != null) {
                    err.println(counter + sentence(outcome.refusal));
                    status = SOME_FAILED;
                } else if (outcome.problem != null) {
                    err.println(counter + photo.getFileName() + ": " + sentence(outcome.problem));
                    if (outcome.stage == Stage.LOADING_MODEL || outcome.problem.code.startsWith("model-")) {
                        // No model, or no session to run it in: every later photo would fail the same way.
                        return NO_MODEL;
                    }
                    status = SOME_FAILED;
                } else {
                    done++;
                    err.println(counter + Texts.t("cli.done", photo.getFileName(), target, output.width,
                            output.height, seconds(output.timings.get(StageTimings.TOTAL))));
                    if (output.confidence != null && output.confidence.needsCheck()) {
                        err.println("    " + CheckText.of(output.confidence.reasons()));
                    }
                    if (options.timings) {
                        err.println("    " + output.timings.toJson());
                    }
                }
            }
        } finally {
            pipeline.close();
        }
        if (jobs.size() > 1) {
            err.println(Texts.t("cli.summary", done, jobs.size(), seconds((System.nanoTime() - start) / 1e6)));
        }
        return status;
    }

    private static final class Outcome {
        Refusal refusal;
        Problem problem;
        Stage stage;
    }

    /** The photos to process, each with the file its cutout goes to, in order; each photo once. */
    private static final class Jobs {
        final Map<Path, Path> targets = new LinkedHashMap<>();
        private final Set<Path> photos = new HashSet<>();
        private final Set<Path> written = new HashSet<>();

        void add(Path photo, Path target) {
            if (!photos.add(photo.toAbsolutePath().normalize())) {
                return;
            }
            // Two photos that would give one name (a.jpg, a.png): the later one gets a number.
            Path unique = target;
            String name = target.getFileName().toString();
            String base = name.substring(0, name.length() - ".png".length());
            for (int i = 2; !written.add(unique.toAbsolutePath().normalize()); i++) {
                unique = target.resolveSibling(base + "-" + i + ".png");
            }
            targets.put(photo, unique);
        }
    }

    /**
     * The JPEG and PNG files under a folder, subfolders included, in name order; hidden files and this command's own
     * results ({@code *-cutout.png}) are left out.
     */
    static List<Path> photosIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> !p.equals(dir) && isVisible(dir.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(p -> isPhotoName(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static boolean isVisible(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    static boolean isPhotoName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean photo = lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png");
        return photo && !lower.endsWith(SUFFIX + ".png");
    }

    /**
     * {@code NAME-cutout.png} next to the photo, or in {@code out}; a photo found in a subfolder of a folder given
     * keeps that subfolder under {@code out}.
     */
    static Path outputFor(Path photo, Path folder, Path out) {
        return outputFor(photo, folder, out, SUFFIX);
    }

    /** As {@link #outputFor(Path, Path, Path)}, named {@code NAME<suffix>.png} (the suffix ends in -cutout). */
    static Path outputFor(Path photo, Path folder, Path out, String suffix) {
        String name = Names.cutoutFileName(photo.getFileName().toString(), suffix, "png");
        if (out == null) {
            return photo.resolveSibling(name);
        }
        Path dir = out;
        if (folder != null && photo.getParent() != null) {
            Path sub = folder.relativize(photo.getParent());
            if (!sub.toString().isEmpty()) {
                dir = out.resolve(sub);
            }
        }
        return dir.resolve(name);
    }

    /** {@code models/} of the build this class comes from (target/cutout.jar or target/classes). */
    static Path defaultModels() {
        String property = System.getProperty("cutout.models");
        if (property != null) {
            return Path.of(property);
        }
        try {
            Path code = Path.of(RemoveCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve("models"))) {
                return root.resolve("models");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall back to the working directory.
        }
        return Path.of("models");
    }

    /** Why a file was refused, worded for the command line where the browser's sentence would not fit. */
    static String sentence(Refusal refusal) {
        String key = "cli.error." + refusal.code;
        return Texts.t(Texts.has(key) ? key : "error." + refusal.code, refusal.args());
    }

    /** A failure's sentence, worded for the command line where the browser's would not fit. */
    static String sentence(Problem problem) {
        String key = "cli.error." + problem.code;
        if (!Texts.has(key)) {
            return Texts.problem(problem.code, problem.args);
        }
        Object[] values = problem.args.clone();
        if (problem.code.startsWith("model-") && values.length > 0) {
            values[0] = Texts.t("model.name." + values[0]);
        }
        return Texts.t(key, values);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000);
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

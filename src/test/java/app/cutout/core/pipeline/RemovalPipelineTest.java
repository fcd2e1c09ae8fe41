package app.cutout.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.Confidence;
import app.cutout.core.image.ByteSource;
import app.cutout.core.image.Intake;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.Backend;
import app.cutout.core.model.Capabilities;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.ops.MaskUpsampler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's order and its WebGPU→CPU policy, with an engine that fails on cue. The real engines (ONNX Runtime
 * Web on WebGPU and WASM, ONNX Runtime for Java) are tested in the browser tests and {@code RemoveCommandTest}.
 */
class RemovalPipelineTest {
    private static final Capabilities GPU_F16 = new Capabilities(true, true, true, 4, "Test GPU");
    private static final Capabilities CPU_ONLY = new Capabilities(false, false, true, 2, "");

    /** What the scripted engine does: a run number (1-based, over all WebGPU runs) and how it fails there. */
    private static final class Script {
        boolean webGpuFailsToStart;
        int webGpuFailsOnRun;
        boolean deviceLostOnFailure;
        boolean cpuFails;
        boolean cpuFailsToStart;
        /** The engine takes photos at their own aspect ratio ({@code ?ort=input:aspect}). */
        boolean aspectInput;
    }

    private static final class Engines implements EngineFactory<String> {
        final Capabilities caps;
        final Script script;
        final List<String> started = new ArrayList<>();
        final List<String> runs = new ArrayList<>();
        /** Width x height of each run's input. */
        final List<String> inputSizes = new ArrayList<>();
        /** The plans warmed up, and how many runs a warm-up makes when nothing stops it. */
        final List<String> warmups = new ArrayList<>();
        final List<String> warmUpStarts = new ArrayList<>();
        int warmupRuns;
        int webGpuRuns;
        int released;

        Engines(Capabilities caps, Script script) {
            this.caps = caps;
            this.script = script;
        }

        @Override
        public Capabilities probe(int requestedThreads) {
            return caps.withRequestedThreads(requestedThreads);
        }

        @Override
        public InferenceEngine start(Plan plan, String weights) {
            started.add(plan.backend.id + "/" + plan.model.id);
            assertEquals(plan.model.id, weights, "the weights of the plan's model");
            if (plan.backend == Backend.WEBGPU && script.webGpuFailsToStart) {
                throw new EngineFailure("no adapter for this device");
            }
            if (plan.backend == Backend.WASM && script.cpuFailsToStart) {
                throw new EngineFailure("could not start the CPU runtime");
            }
            return new InferenceEngine() {
                String lost;

                @Override
                public float[] run(float[] input, int width, int height) {
                    runs.add(plan.backend.id);
                    inputSizes.add(width + "x" + height);
                    if (plan.backend == Backend.WEBGPU) {
                        webGpuRuns++;
                        if (webGpuRuns == script.webGpuFailsOnRun) {
                            if (script.deviceLostOnFailure) {
                                lost = "driver reset";
                            }
                            throw new EngineFailure("GPU run failed");
                        }
                    } else if (script.cpuFails) {
                        throw new EngineFailure("out of memory in the CPU runtime");
                    }
                    return mask(width, height);
                }

                @Override
                public String deviceLost() {
                    return lost;
                }

                @Override
                public String runtime() {
                    return plan.backend.id;
                }

                @Override
                public boolean aspectInput() {
                    return script.aspectInput;
                }

                @Override
                public void release() {
                    released++;
                }
            };
        }

        @Override
        public void startWarmUp(Plan plan) {
            warmUpStarts.add(plan.backend.id + "/" + plan.model.id);
        }

        @Override
        public int warmUp(Plan plan, BooleanSupplier stop) {
            warmups.add(plan.backend.id + "/" + plan.model.id);
            int made = 0;
            while (made < warmupRuns && !stop.getAsBoolean()) {
                made++;
            }
            return made;
        }

        @Override
        public int threadsInUse() {
            return 2;
        }
    }

    private static final class Models implements ModelSource<String> {
        final List<String> loads = new ArrayList<>();
        final List<String> stored = new ArrayList<>();
        final List<String> prefetches = new ArrayList<>();
        /** Whether this host prefetches, and for how many {@link #fetching} questions a prefetch stays under way. */
        boolean canPrefetch;
        int fetchingFor;

        @Override
        public void prefetch(ModelSpec spec) {
            if (canPrefetch) {
                prefetches.add(spec.id);
            }
        }

        @Override
        public boolean fetching(ModelSpec spec) {
            return prefetches.contains(spec.id) && fetchingFor-- > 0;
        }

        @Override
        public boolean stored(ModelSpec spec) {
            return stored.contains(spec.id);
        }

        @Override
        public String load(ModelSpec spec, ProgressListener progress) {
            loads.add(spec.id);
            progress.progress(Stage.LOADING_MODEL, spec.bytes, spec.bytes);
            return spec.id;
        }

        @Override
        public Notice storageNotice() {
            return null;
        }
    }

    private static final class Events implements PipelineEvents {
        final List<String> log = new ArrayList<>();
        final List<Session> sessions = new ArrayList<>();
        /** The entries of {@link #log} made while the pipeline said it was starting its engine. */
        final List<String> whileStarting = new ArrayList<>();
        /** How deep the start windows are now, and how many opened. */
        int starting;
        int windows;
        Refusal refusal;
        Problem problem;

        @Override
        public void starting(boolean on) {
            starting += on ? 1 : -1;
            windows += on ? 1 : 0;
            assertTrue(starting >= 0, "a window closed that was not open");
        }

        private void log(String entry) {
            log.add(entry);
            if (starting > 0) {
                whileStarting.add(entry);
            }
        }

        @Override
        public void progress(int id, Stage stage, double done, double total) {
            log(id + ":" + stage.id);
        }

        @Override
        public void decoded(int id, int width, int height, int sourceWidth, int sourceHeight) {
            log(id + ":decoded " + width + "x" + height + (sourceWidth > 0 ? " of " + sourceWidth + "x"
                    + sourceHeight : ""));
        }

        @Override
        public void warmedUp(int runs, double ms) {
            log("warmed " + runs);
        }

        @Override
        public void session(int id, Session session) {
            sessions.add(session);
            log(id + ":session " + session.plan);
        }

        @Override
        public void refused(int id, Stage stage, Refusal e) {
            refusal = e;
            log(id + ":refused " + e.code);
        }

        @Override
        public void failed(int id, Stage stage, Problem e) {
            problem = e;
            log(id + ":failed " + stage.id + " " + e.code);
        }

        @Override
        public void cancelled(int id) {
            log(id + ":cancelled");
        }
    }

    private static final class Output implements CutoutOutput {
        final List<String> calls = new ArrayList<>();
        int[] pixels;
        StageTimings timings;
        boolean downscaled;
        Confidence.Report confidence;

        @Override
        public void rough(float[] mask, int width, int height) {
            calls.add("rough " + width + "x" + height);
        }

        @Override
        public void render(RgbaImage image) {
            calls.add("render");
            pixels = image.pixels.clone();
        }

        @Override
        public void show(int width, int height, StageTimings soFar) {
            calls.add("show " + width + "x" + height);
            assertTrue(soFar.get(StageTimings.READY) >= 0);
        }

        @Override
        public void save() {
            calls.add("save");
        }

        @Override
        public void done(int width, int height, StageTimings timings, Intake.Plan input,
                Confidence.Report confidence) {
            calls.add("done");
            this.timings = timings;
            this.downscaled = input.downscaled;
            this.confidence = confidence;
        }
    }

    /** A fake decoder: a flat grey photo of the header's size. */
    private static final PhotoDecoder GREY = (photo, plan, reuse) -> {
        int[] pixels = reuse != null && reuse.length == plan.width * plan.height ? reuse
                : new int[plan.width * plan.height];
        java.util.Arrays.fill(pixels, RgbaImage.pack(128, 128, 128, 255));
        return new RgbaImage(plan.width, plan.height, pixels);
    };

    /** Subject in the middle half of the columns. */
    private static float[] mask(int width, int height) {
        float[] mask = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = width / 4; x < width * 3 / 4; x++) {
                mask[y * width + x] = 1f;
            }
        }
        return mask;
    }

    /** The first bytes of a PNG of the given size: signature and IHDR, all the intake reads. */
    static PhotoSource png(String name, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        for (int v : new int[] {width, height}) {
            out.writeBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        out.writeBytes(new byte[] {8, 6, 0, 0, 0, 0, 0, 0, 0});
        return source(name, "image/png", out.toByteArray());
    }

    static PhotoSource source(String name, String type, byte[] bytes) {
        return PhotoSource.of(name, type, ByteSource.of(bytes));
    }

    private static final class Rig {
        final Script script = new Script();
        final Engines engines;
        final Models models = new Models();
        final Events events = new Events();
        final RemovalPipeline<String> pipeline;
        private double now;

        Rig(Capabilities caps) {
            engines = new Engines(caps, script);
            pipeline = new RemovalPipeline<>(models, engines, () -> now += 1, events);
        }

        Output run(int id) {
            return run(id, 1f);
        }

        Output run(int id, float strength) {
            Output output = new Output();
            pipeline.run(new RemovalRequest(id, "auto", "auto", 0, strength, 0, 0, null), png("p" + id + ".png", 40,
                    30), GREY, output);
            return output;
        }
    }

    @Test
    void runsTheStagesInOrderAndReportsEveryTiming() {
        Rig rig = new Rig(CPU_ONLY);
        Output output = rig.run(1);
        assertEquals(List.of("rough 1024x1024", "render", "show 40x30", "save", "done"), output.calls);
        assertEquals(List.of("1024x1024"), rig.engines.inputSizes, "square, as the model was trained");
        assertEquals(List.of("1:preparing", "1:decoded 40x30", "1:loading-model", "1:session wasm/quint8/2",
                "1:removing", "1:finishing"), rig.events.log);
        assertEquals(List.of("decode_ms", "model_fetch_ms", "session_ms", "pre_ms", "inference_ms", "first_ms",
                "post_ms", "confidence_ms", "show_ms", "ready_ms", "encode_ms", "total_ms"),
                new ArrayList<>(output.timings.asMap().keySet()));
        // The second photo reuses the session: no load, no new session.
        rig.run(2);
        assertEquals(List.of("quint8"), rig.models.loads);
        assertEquals(List.of("wasm/quint8"), rig.engines.started);
    }

    @Test
    void theStartWindowCoversTheProbeTheModelAndTheSessionButNotThePhotosOwnWork() {
        Rig rig = new Rig(CPU_ONLY);
        Output output = rig.run(1);
        assertTrue(output.calls.contains("done"));
        assertEquals(0, rig.events.starting, "every window closed");
        assertEquals(2, rig.events.windows, "the device's probe, then the engine's start");
        assertEquals(List.of("1:loading-model", "1:session wasm/quint8/2"), rig.events.whileStarting,
                "decoding, inference and finishing are outside: they may be long and have nothing to say");
        rig.run(2);
        assertEquals(2, rig.events.windows, "the next photo starts nothing");
    }

    @Test
    void aPreloadIsOneStartWindowWarmUpIncludedAndAFailedStartClosesItsWindow() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.stored.add("quint8");
        rig.engines.warmupRuns = 2;
        assertTrue(rig.pipeline.preload("auto", "auto", 0, () -> false));
        assertEquals(0, rig.events.starting);
        assertEquals(List.of("0:loading-model", "0:session wasm/quint8/2", "warmed 2"), rig.events.whileStarting);

        Rig failing = new Rig(CPU_ONLY);
        failing.script.cpuFailsToStart = true;
        failing.run(1);
        assertEquals(Problem.INFERENCE_FAILED, failing.events.problem.code);
        assertEquals(0, failing.events.starting, "a start that failed is over too");
        assertEquals(List.of("1:loading-model"), failing.events.whileStarting);
    }

    @Test
    void preloadStartsTheSessionFromAStoredModelAndThePhotoUsesIt() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.stored.add("quint8");
        assertTrue(rig.pipeline.preload("auto", "auto", 0, () -> false));
        assertEquals(List.of("0:loading-model", "0:session wasm/quint8/2"), rig.events.log);
        assertTrue(rig.pipeline.preload("auto", "auto", 0, () -> false), "a second preload finds the session");
        Output output = rig.run(1);
        assertEquals(List.of("quint8"), rig.models.loads);
        assertEquals(List.of("wasm/quint8"), rig.engines.started);
        assertFalse(output.timings.asMap().containsKey(StageTimings.SESSION), "the photo did not wait for a session");
        assertTrue(output.calls.contains("done"));
    }

    @Test
    void preloadWarmsTheEngineUpOnceBeforeAnyPhoto() {
        Rig rig = new Rig(CPU_ONLY);
        rig.engines.warmupRuns = 5;
        assertFalse(rig.pipeline.preload("auto", "auto", 0, () -> false), "no model stored: no session");
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups);
        assertEquals(List.of("warmed 5"), rig.events.log);
        assertEquals(List.of(), rig.models.loads, "warming up downloads nothing");
        rig.pipeline.preload("auto", "auto", 0, () -> false);
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups, "once per pipeline");
        rig.run(1);
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups, "a photo's run never warms up");
    }

    @Test
    void theWarmUpFollowsTheStoredModelsSessionAndStopsForAPhoto() {
        Rig rig = new Rig(GPU_F16);
        rig.models.stored.add("fp16");
        rig.engines.warmupRuns = 100;
        int[] asked = {0};
        // The warm-up is asked before it starts and between runs; a photo arrives after its third run.
        assertTrue(rig.pipeline.preload("auto", "auto", 0, () -> ++asked[0] > 4));
        assertEquals(List.of("webgpu/fp16"), rig.engines.started);
        assertEquals(List.of("webgpu/fp16"), rig.engines.warmups, "the session's own plan");
        assertEquals(List.of("0:loading-model", "0:session webgpu/fp16/1", "warmed 3"), rig.events.log);
    }

    @Test
    void theFirstPhotosModelComesWhileItDecodesAndTheEngineWarmsUpUntilItIsThere() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.canPrefetch = true;
        rig.models.fetchingFor = 4;
        rig.engines.warmupRuns = 100;
        Output output = rig.run(1);
        assertTrue(output.calls.contains("done"));
        assertEquals(List.of("quint8"), rig.models.prefetches);
        assertEquals(List.of("wasm/quint8"), rig.engines.warmUpStarts, "started before the photo decoded");
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups);
        // Asked before each run: four runs, and the model was there.
        assertTrue(rig.events.log.contains("warmed 4"), rig.events.log.toString());
        assertTrue(rig.events.log.indexOf("1:decoded 40x30") < rig.events.log.indexOf("warmed 4"),
                rig.events.log.toString());
        assertEquals(List.of("quint8"), rig.models.loads, "the photo's load takes the prefetched bytes");

        rig.run(2);
        assertEquals(List.of("quint8"), rig.models.prefetches, "the session is there: nothing to get");
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups, "warmed up once");
    }

    @Test
    void aWarmUpCutOffBeforeItsFirstRunIsMadeWhileThePhotosModelComes() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.canPrefetch = true;
        rig.models.fetchingFor = 3;
        rig.engines.warmupRuns = 100;
        int[] asked = {0};
        // The photo arrives while the runtime starts: asked once before the warm-up, once before its first run.
        rig.pipeline.preload("auto", "auto", 0, () -> ++asked[0] > 1);
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups);
        assertEquals(List.of(), rig.events.log, "no runs, nothing to tell");
        rig.run(1);
        assertEquals(List.of("wasm/quint8", "wasm/quint8"), rig.engines.warmups, "again while the model came");
        assertTrue(rig.events.log.contains("warmed 3"), rig.events.log.toString());
    }

    @Test
    void aFileRefusedByItsHeaderStartsNoDownload() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.canPrefetch = true;
        rig.pipeline.run(new RemovalRequest(7, "auto", "auto", 0, 1f, 0, 0, null),
                source("notes.png", "image/png", new byte[0]), GREY, new Output());
        assertEquals(Refusal.EMPTY, rig.events.refusal.code);
        assertEquals(List.of(), rig.models.prefetches);
    }

    @Test
    void noWarmUpWhenAPhotoIsAlreadyWaiting() {
        Rig rig = new Rig(CPU_ONLY);
        rig.engines.warmupRuns = 5;
        rig.pipeline.preload("auto", "auto", 0, () -> true);
        assertEquals(List.of(), rig.engines.warmups);
        rig.pipeline.preload("auto", "auto", 0, () -> false);
        assertEquals(List.of("wasm/quint8"), rig.engines.warmups, "a later preload still may");
    }

    @Test
    void preloadDownloadsNothing() {
        Rig rig = new Rig(CPU_ONLY);
        assertFalse(rig.pipeline.preload("auto", "auto", 0, () -> false));
        assertEquals(List.of(), rig.models.loads);
        assertEquals(List.of(), rig.engines.started);
        assertEquals(List.of(), rig.events.log);
        rig.run(1);
        assertEquals(List.of("quint8"), rig.models.loads, "the photo's run loads it");
    }

    @Test
    void aFailedPreloadLeavesThePhotoToTryAgainAndSayWhy() {
        Rig rig = new Rig(CPU_ONLY);
        rig.models.stored.add("quint8");
        rig.script.cpuFailsToStart = true;
        assertFalse(rig.pipeline.preload("auto", "auto", 0, () -> false));
        assertNull(rig.events.problem, "nothing is reported for a preload");
        rig.run(1);
        assertEquals(Problem.INFERENCE_FAILED, rig.events.problem.code);
        assertEquals(List.of("wasm/quint8", "wasm/quint8"), rig.engines.started);
    }

    @Test
    void anEngineThatTakesThePhotosAspectRatioGetsItAndItsMaskIsUsedAtThatSize() {
        Rig rig = new Rig(CPU_ONLY);
        rig.script.aspectInput = true;
        Output output = rig.run(1);
        // 40x30 is 4:3: 1024x768 in, the rough cutout from a 1024x768 mask.
        assertEquals(List.of("1024x768"), rig.engines.inputSizes);
        assertEquals("rough 1024x768", output.calls.get(0));
        Output raw = rig.run(2, 0f);
        int[] expected = new int[40 * 30];
        java.util.Arrays.fill(expected, RgbaImage.pack(128, 128, 128, 255));
        MaskUpsampler.applyAlpha(mask(1024, 768), 1024, 768, expected, 40, 30);
        assertArrayEquals(expected, raw.pixels);
    }

    @Test
    void strengthZeroIsTheRawMaskStretchedBitForBit() {
        Rig rig = new Rig(CPU_ONLY);
        Output output = rig.run(1, 0f);
        assertEquals("render", output.calls.get(0), "no rough cutout first: the raw mask is the result");
        int[] expected = new int[40 * 30];
        java.util.Arrays.fill(expected, RgbaImage.pack(128, 128, 128, 255));
        MaskUpsampler.applyAlpha(mask(1024, 1024), 1024, 1024, expected, 40, 30);
        assertArrayEquals(expected, output.pixels);
    }

    @Test
    void theOutputGetsTheConfidenceOfTheAlphaItRendered() {
        Rig rig = new Rig(CPU_ONLY);
        for (float strength : new float[] {0f, 1f}) {
            Output output = rig.run(1, strength);
            byte[] alpha = new byte[output.pixels.length];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = (byte) (output.pixels[i] >>> 24);
            }
            Confidence.Report expected = Confidence.measure(alpha, 40, 30);
            assertEquals(expected.score, output.confidence.score, 0, "strength " + strength);
            assertEquals(expected.reasons(), output.confidence.reasons());
            // The mask's band, half the width, runs from the top edge to the bottom: 40 of the 136 border pixels.
            assertEquals(40 / 136.0, output.confidence.borderShare, 0.02);
            assertTrue(output.timings.get(StageTimings.CONFIDENCE) > 0);
        }
    }

    @Test
    void webGpuThatFailsToStartFinishesThePhotoOnTheCpuAndLaterPhotosStayThere() {
        Rig rig = new Rig(GPU_F16);
        rig.script.webGpuFailsToStart = true;
        Output first = rig.run(1);
        assertTrue(first.calls.contains("done"), rig.events.log.toString());
        Session session = rig.events.sessions.get(0);
        assertEquals(Backend.WASM, session.plan.backend);
        assertEquals(ModelSpec.QUINT8, session.plan.model);
        assertEquals("[webgpu-failed no adapter for this device]", session.notices.toString());
        // fp16 was planned for the GPU, the CPU gets the 8-bit model: both were loaded.
        assertEquals(List.of("fp16", "quint8"), rig.models.loads);

        rig.run(2);
        rig.run(3);
        assertEquals(List.of("webgpu/fp16", "wasm/quint8"), rig.engines.started, "the GPU is not tried again");
        assertEquals(List.of("wasm", "wasm", "wasm"), rig.engines.runs);
    }

    @Test
    void webGpuThatFailsOnItsFirstRunFinishesThePhotoOnTheCpu() {
        Rig rig = new Rig(GPU_F16);
        rig.script.webGpuFailsOnRun = 1;
        Output first = rig.run(1);
        assertTrue(first.calls.contains("done"), rig.events.log.toString());
        assertEquals(List.of("webgpu", "wasm"), rig.engines.runs);
        assertEquals(2, rig.events.sessions.size());
        assertEquals("[webgpu-failed GPU run failed]", rig.events.sessions.get(1).notices.toString());
        assertEquals(1, rig.engines.released, "the failed GPU session is released");
        assertEquals(List.of("1:preparing", "1:decoded 40x30", "1:loading-model", "1:session webgpu/fp16/1",
                "1:removing", "1:loading-model", "1:session wasm/quint8/4", "1:removing", "1:finishing"),
                rig.events.log);

        rig.run(2);
        assertEquals(List.of("webgpu", "wasm", "wasm"), rig.engines.runs);
        assertEquals(List.of("webgpu/fp16", "wasm/quint8"), rig.engines.started);
    }

    @Test
    void aDeviceLostMidSessionFinishesThatPhotoOnTheCpuAndSaysSo() {
        Rig rig = new Rig(GPU_F16);
        rig.script.webGpuFailsOnRun = 3;
        rig.script.deviceLostOnFailure = true;
        rig.run(1);
        rig.run(2);
        Output third = rig.run(3);
        assertTrue(third.calls.contains("done"), rig.events.log.toString());
        assertEquals(List.of("webgpu", "webgpu", "webgpu", "wasm"), rig.engines.runs);
        Session fallback = rig.events.sessions.get(1);
        assertEquals(Backend.WASM, fallback.plan.backend);
        assertEquals("[gpu-lost driver reset]", fallback.notices.toString());
        rig.run(4);
        assertEquals(List.of("webgpu", "webgpu", "webgpu", "wasm", "wasm"), rig.engines.runs);
        assertEquals(List.of("webgpu/fp16", "wasm/quint8"), rig.engines.started);
    }

    @Test
    void aCpuFailureFailsThatPhotoOnlyAndTheNextOneRunsAgain() {
        Rig rig = new Rig(CPU_ONLY);
        rig.script.cpuFails = true;
        Output first = rig.run(1);
        assertFalse(first.calls.contains("render"));
        assertEquals(Problem.INFERENCE_FAILED, rig.events.problem.code);
        assertEquals("out of memory in the CPU runtime", rig.events.problem.args[0]);
        assertTrue(rig.events.log.contains("1:failed removing inference-failed"), rig.events.log.toString());
        rig.script.cpuFails = false;
        assertTrue(rig.run(2).calls.contains("done"));
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedBeforeAnyModelIsLoaded() {
        Rig rig = new Rig(CPU_ONLY);
        Output output = new Output();
        rig.pipeline.run(new RemovalRequest(7, "auto", "auto", 0, 1f, 0, 0, null),
                source("notes.png", "image/png", new byte[0]), GREY, output);
        assertEquals(Refusal.EMPTY, rig.events.refusal.code);
        assertEquals("notes.png", rig.events.refusal.name);
        assertTrue(rig.models.loads.isEmpty());
        assertTrue(output.calls.isEmpty());
    }

    @Test
    void aPhotoPastTheLimitsIsRefusedWithAnOfferAndTheOfferIsProcessed() {
        Rig rig = new Rig(CPU_ONLY);
        PhotoSource huge = png("huge.png", 20000, 10000);
        rig.pipeline.run(new RemovalRequest(1, "auto", "auto", 0, 1f, 0, 0, null), huge, GREY, new Output());
        Refusal refusal = rig.events.refusal;
        assertEquals(Refusal.TOO_LARGE, refusal.code);
        assertTrue(refusal.fitWidth > 0 && (long) refusal.fitWidth * refusal.fitHeight <= 100_000_000L);
        assertTrue(rig.models.loads.isEmpty());

        // Accepting the offer: the decoder is asked for that size, and the result says it was a smaller copy.
        Output output = new Output();
        rig.pipeline.run(new RemovalRequest(2, "auto", "auto", 0, 0f, 400, 200, null), huge, GREY, output);
        assertEquals("show 400x200", output.calls.get(1));
        assertTrue(output.downscaled);
        // Said before the model runs, so the page can decode the photo at that size meanwhile.
        assertTrue(rig.events.log.contains("2:decoded 400x200 of 20000x10000"), rig.events.log.toString());
    }

    @Test
    void aDeviceWithLittleMemoryIsOfferedASmallerCopyAndItIsProcessed() {
        Rig rig = new Rig(CPU_ONLY);
        PhotoSource phone = png("phone.png", 4000, 3000);
        rig.pipeline.run(new RemovalRequest(1, "auto", "auto", 0, 1f, 0, 0, 0.5, null), phone, GREY, new Output());
        Refusal refusal = rig.events.refusal;
        assertEquals(Refusal.TOO_LARGE_FOR_MEMORY, refusal.code);
        assertTrue(refusal.fitWidth > 0 && (long) refusal.fitWidth * refusal.fitHeight <= 6_250_000L);
        assertTrue(rig.models.loads.isEmpty());

        Output output = new Output();
        rig.pipeline.run(new RemovalRequest(2, "auto", "auto", 0, 0f, 400, 300, 0.5, null), phone, GREY, output);
        assertEquals("show 400x300", output.calls.get(1));
        assertTrue(output.downscaled);
    }

    @Test
    void cancellingBetweenStagesStopsTheRunWithoutOutput() {
        Rig rig = new Rig(CPU_ONLY);
        AtomicBoolean cancel = new AtomicBoolean();
        Output output = new Output();
        PhotoDecoder cancelling = (photo, plan, reuse) -> {
            cancel.set(true);
            return GREY.decode(photo, plan, reuse);
        };
        rig.pipeline.run(new RemovalRequest(1, "auto", "auto", 0, 1f, 0, 0, cancel::get), png("a.png", 8, 8),
                cancelling, output);
        assertEquals(List.of("1:preparing", "1:cancelled"), rig.events.log);
        assertTrue(output.calls.isEmpty());
        assertTrue(rig.models.loads.isEmpty(), "no model is loaded for a cancelled photo");
    }

    @Test
    void aPhotoSmallEnoughLeavesItsArrayForTheNextOfTheSameSize() {
        Rig rig = new Rig(CPU_ONLY);
        int[][] seen = new int[2][];
        int[] count = {0};
        PhotoDecoder recording = (photo, plan, reuse) -> {
            RgbaImage image = GREY.decode(photo, plan, reuse);
            seen[count[0]++] = image.pixels;
            return image;
        };
        for (int id = 1; id <= 2; id++) {
            rig.pipeline.run(new RemovalRequest(id, "auto", "auto", 0, 1f, 0, 0, null), png("a.png", 40, 30),
                    recording, new Output());
        }
        assertTrue(seen[0] == seen[1], "the second photo decoded into the first one's array");
        assertNull(rig.events.problem);
    }
}

package app.cutout.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendPlannerTest {
    private static final Capabilities GPU_F16 = new Capabilities(true, true, true, 8, "NVIDIA");
    private static final Capabilities GPU_NO_F16 = new Capabilities(true, false, true, 4, "Intel");
    private static final Capabilities CPU_ISOLATED = new Capabilities(false, false, true, 2, "");
    private static final Capabilities CPU_PLAIN = new Capabilities(false, false, false, 16, "");

    @Test
    void automaticPrefersWebGpuWithFp16WhenShaderF16Exists() {
        Plan plan = BackendPlanner.plan(GPU_F16, "auto", "auto");
        assertEquals(Backend.WEBGPU, plan.backend);
        assertEquals(ModelSpec.FP16, plan.model);
        assertTrue(plan.notices.isEmpty(), plan.notices.toString());
    }

    @Test
    void automaticRunsTheFp16FileWidenedToFp32OnAGpuWithoutShaderF16() {
        Plan plan = BackendPlanner.plan(GPU_NO_F16, "auto", "auto");
        assertEquals(Backend.WEBGPU, plan.backend);
        assertEquals(ModelSpec.FP32, plan.model);
        assertTrue(plan.notices.isEmpty(), plan.notices.toString());
        assertEquals(ModelSpec.FP32, BackendPlanner.plan(GPU_NO_F16, "webgpu", "auto").model);
    }

    @Test
    void the8BitModelGoesToTheGpuOnlyWhenAskedFor() {
        // Its integer convolutions have no WebGPU kernels: on the GPU it is slower than on the CPU.
        Plan auto = BackendPlanner.plan(GPU_F16, "auto", "quint8");
        assertEquals(Backend.WASM, auto.backend);
        assertEquals(8, auto.threads);
        Plan forced = BackendPlanner.plan(GPU_NO_F16, "webgpu", "quint8");
        assertEquals(Backend.WEBGPU, forced.backend);
        assertEquals(ModelSpec.QUINT8, forced.model);
    }

    @Test
    void aSoftwareAdapterIsNeverChosenAutomatically() {
        Capabilities swiftShader = GPU_NO_F16.withSoftwareGpu(true);
        Plan plan = BackendPlanner.plan(swiftShader, "auto", "auto");
        assertEquals(Backend.WASM, plan.backend);
        assertEquals(ModelSpec.QUINT8, plan.model);
        assertEquals(Backend.WEBGPU, BackendPlanner.plan(swiftShader, "webgpu", "auto").backend, "unless asked for");
    }

    @Test
    void fp32IsAModelOfItsOwnThatReadsTheFp16File() {
        assertEquals(ModelSpec.FP32, ModelSpec.byId("fp32"));
        assertEquals(ModelSpec.FP16.path, ModelSpec.FP32.path);
        assertEquals(ModelSpec.FP16.sha256, ModelSpec.FP32.sha256);
        assertTrue(ModelSpec.FP32.widenedFromFp16);
        assertTrue(!ModelSpec.FP16.widenedFromFp16 && !ModelSpec.QUINT8.widenedFromFp16);
    }

    @Test
    void automaticUsesCpuWith8BitAndAllCoresWhenIsolated() {
        Plan plan = BackendPlanner.plan(CPU_ISOLATED, "auto", "auto");
        assertEquals(Backend.WASM, plan.backend);
        assertEquals(ModelSpec.QUINT8, plan.model);
        assertEquals(2, plan.threads);
    }

    @Test
    void withoutCrossOriginIsolationTheCpuRunsOneThread() {
        assertEquals(1, BackendPlanner.plan(CPU_PLAIN, "wasm", "quint8").threads);
    }

    @Test
    void withoutSharedArrayBufferTheCpuRunsOneThreadAndThePlanSaysWhy() {
        // WebKitGTK: isolated, yet no SharedArrayBuffer; ONNX Runtime would run one thread whatever it is told.
        Capabilities webKit = CPU_ISOLATED.withSharedMemory(false);
        Plan plan = BackendPlanner.plan(webKit, "auto", "auto");
        assertEquals(1, plan.threads);
        assertEquals(1, plan.notices.size(), plan.notices.toString());
        assertEquals(app.cutout.core.pipeline.Notice.NO_SHARED_MEMORY, plan.notices.get(0).code);
        assertEquals(1, BackendPlanner.wasmThreads(webKit.withRequestedThreads(4)), "a wish cannot add threads");
        assertEquals(1, BackendPlanner.fallbackToWasm(BackendPlanner.plan(GPU_F16.withSharedMemory(false), "auto",
                "auto"), GPU_F16.withSharedMemory(false), "lost").threads);
        // Not isolated: the page says so at start, the plan adds nothing.
        assertTrue(BackendPlanner.plan(CPU_PLAIN.withSharedMemory(false), "wasm", "quint8").notices.isEmpty());
        assertTrue(BackendPlanner.plan(CPU_ISOLATED, "auto", "auto").notices.isEmpty());
    }

    @Test
    void everyCoreRunsAThreadUpToABound() {
        assertEquals(16, BackendPlanner.wasmThreads(new Capabilities(false, false, true, 16, "")));
        assertEquals(32, BackendPlanner.wasmThreads(new Capabilities(false, false, true, 96, "")));
    }

    @Test
    void requestedThreadsWinWhenIsolated() {
        assertEquals(1, BackendPlanner.wasmThreads(CPU_ISOLATED.withRequestedThreads(1)));
        assertEquals(1, BackendPlanner.wasmThreads(CPU_PLAIN.withRequestedThreads(4)));
    }

    @Test
    void askingForWebGpuWithoutAdapterFallsBackWithANote() {
        Plan plan = BackendPlanner.plan(CPU_ISOLATED, "webgpu", "auto");
        assertEquals(Backend.WASM, plan.backend);
        assertEquals("[webgpu-unavailable]", plan.notices.toString());
    }

    @Test
    void askingForFp16OnGpuWithoutF16WidensItWithANote() {
        Plan plan = BackendPlanner.plan(GPU_NO_F16, "webgpu", "fp16");
        assertEquals(ModelSpec.FP32, plan.model);
        assertEquals("[no-shader-f16]", plan.notices.toString());
    }

    @Test
    void userChoiceOfFp16OnCpuIsRespected() {
        Plan plan = BackendPlanner.plan(CPU_ISOLATED, "wasm", "fp16");
        assertEquals(Backend.WASM, plan.backend);
        assertEquals(ModelSpec.FP16, plan.model);
    }

    @Test
    void fallbackMovesToCpuAnd8BitAndSaysWhy() {
        Plan failed = BackendPlanner.plan(GPU_F16, "auto", "auto");
        Plan fallback = BackendPlanner.fallbackToWasm(failed, GPU_F16, "device lost");
        assertEquals(Backend.WASM, fallback.backend);
        assertEquals(ModelSpec.QUINT8, fallback.model);
        assertEquals(8, fallback.threads);
        assertEquals("[webgpu-failed device lost]", fallback.notices.toString());
    }

    @Test
    void unknownChoicesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BackendPlanner.plan(CPU_PLAIN, "cuda", "auto"));
        assertThrows(IllegalArgumentException.class, () -> BackendPlanner.plan(CPU_PLAIN, "auto", "int4"));
    }
}

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
    void automaticRunsThe8BitModelOnTheCpuEvenWithAGpuWithoutShaderF16() {
        // The 8-bit model's integer convolutions have no WebGPU kernels: on the GPU it is slower than the CPU.
        Plan plan = BackendPlanner.plan(GPU_NO_F16, "auto", "auto");
        assertEquals(Backend.WASM, plan.backend);
        assertEquals(ModelSpec.QUINT8, plan.model);
        assertEquals(4, plan.threads);
        assertEquals(Backend.WASM, BackendPlanner.plan(GPU_F16, "auto", "quint8").backend);
    }

    @Test
    void askingForTheGpuExplicitlyRunsThe8BitModelThere() {
        Plan plan = BackendPlanner.plan(GPU_NO_F16, "webgpu", "auto");
        assertEquals(Backend.WEBGPU, plan.backend);
        assertEquals(ModelSpec.QUINT8, plan.model);
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
    void threadsAreCappedAtEight() {
        assertEquals(8, BackendPlanner.wasmThreads(new Capabilities(false, false, true, 32, "")));
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
    void askingForFp16OnGpuWithoutF16Uses8BitWithANote() {
        Plan plan = BackendPlanner.plan(GPU_NO_F16, "webgpu", "fp16");
        assertEquals(ModelSpec.QUINT8, plan.model);
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

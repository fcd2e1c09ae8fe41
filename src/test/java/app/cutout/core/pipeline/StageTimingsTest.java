package app.cutout.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimingsTest {
    @Test
    void writesTheStagesThenEachGroupAsAnObject() {
        StageTimings t = new StageTimings();
        t.put(StageTimings.DECODE, 12.54);
        t.put(StageTimings.POST, 180.06);
        Map<String, Double> passes = new LinkedHashMap<>();
        passes.put("flags", 1.25);
        passes.put("matting", 40.0);
        t.putGroup(StageTimings.POST_PASSES, passes);
        assertEquals("{\"decode_ms\":12.5,\"post_ms\":180.1,\"post_passes\":{\"flags\":1.3,\"matting\":40.0}}",
                t.toJson());
    }

    @Test
    void writesAnEmptyObjectAndNegativeTenths() {
        StageTimings t = new StageTimings();
        assertEquals("{}", t.toJson());
        t.put(StageTimings.TOTAL, -0.4);
        assertEquals("{\"total_ms\":-0.4}", t.toJson());
    }
}

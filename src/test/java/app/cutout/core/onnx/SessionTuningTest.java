package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTuningTest {
    @Test
    void nothingGivenIsTheDefault() {
        assertSame(SessionTuning.NONE, SessionTuning.parse(null));
        assertSame(SessionTuning.NONE, SessionTuning.parse(""));
        assertTrue(SessionTuning.NONE.isDefault());
        assertEquals("", SessionTuning.NONE.toString());
    }

    @Test
    void readsEveryKind() {
        SessionTuning t = SessionTuning.parse("config:session.intra_op.allow_spinning=0,graph:basic,arena:on,"
                + "pattern:off,free:batch_size=1,free:h=1024");
        assertEquals("basic", t.graph);
        assertEquals(Boolean.TRUE, t.cpuArena);
        assertEquals(Boolean.FALSE, t.memPattern);
        assertEquals(List.of("batch_size", "h"), List.copyOf(t.freeDimensions.keySet()));
        assertEquals(1024, t.freeDimensions.get("h"));
        assertEquals(Map.of("session.intra_op.allow_spinning", "0"), t.config);
        assertFalse(t.isDefault());
        // A fixed order, which reads back to the same settings.
        String text = "graph:basic,pattern:off,arena:on,free:batch_size=1,free:h=1024,"
                + "config:session.intra_op.allow_spinning=0";
        assertEquals(text, t.toString());
        assertEquals(text, SessionTuning.parse(text).toString());
    }

    @Test
    void theInputIsSquareOrAtThePhotosAspectRatio() {
        assertNull(SessionTuning.NONE.aspectInput, "the app's own: square");
        SessionTuning aspect = SessionTuning.parse("input:aspect");
        assertEquals(Boolean.TRUE, aspect.aspectInput);
        assertFalse(aspect.isDefault());
        assertEquals("input:aspect", aspect.toString());
        assertEquals(Boolean.FALSE, SessionTuning.parse("graph:all,input:square").aspectInput);
        assertEquals("graph:all,input:square", SessionTuning.parse("input:square,graph:all").toString());
        assertNull(SessionTuning.parse("input:wide"));
    }

    @Test
    void everyGraphLevelOfTheRuntime() {
        for (String level : List.of("disabled", "basic", "extended", "layout", "all")) {
            assertEquals(level, SessionTuning.parse("graph:" + level).graph);
        }
    }

    @Test
    void anythingNotUnderstoodSpoilsTheWhole() {
        for (String bad : List.of("graph:fast", "graph", ":basic", "graph:basic,", "pattern:yes", "arena:1",
                "free:n", "free:n=", "free:=1", "free:n=-1", "free:n=1234567890", "free:n=x", "config:k",
                "config:k=a b", "config:k=a&b=c", "threads:2", "graph:basic;arena:on", "x".repeat(1001))) {
            assertNull(SessionTuning.parse(bad), bad);
        }
    }
}

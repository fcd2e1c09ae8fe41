package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.web.protocol.Coded;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.core.JSArray;

/**
 * The user's sentence for a failure or a notice the worker sent as a code ({@code Refusal}, {@code Problem},
 * {@code Notice}), worded now in the current language, so a language switch words it again.
 */
final class ErrorText {
    private ErrorText() {
    }

    /** The item's failure in the current language. */
    static String of(Item item) {
        return Texts.problem(item.errorCode, item.errorArgs);
    }

    /** The worker's notices about its session, worded, one after another; empty when there are none. */
    static String notices(JSArray<Coded> notices) {
        if (notices == null || notices.getLength() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < notices.getLength(); i++) {
            Coded notice = notices.get(i);
            parts.add(Texts.notice(notice.getCode(), Coded.args(notice)));
        }
        return String.join(" ", parts);
    }
}

package app.cutout.web.platform;

import app.cutout.web.jso.browser.Global;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;

/**
 * Waits on JS promises as plain calls, keeping the rejection's message.
 *
 * <p>{@link JSPromise#await()} turns a rejection with a plain JS {@code Error} into a {@code RuntimeException} with no
 * message, which would leave the user with an empty error. Settling the promise first keeps the JS text.
 */
public final class Promises {
    private Promises() {
    }

    /**
     * @param what what was being done, for the message, e.g. "Creating the WebGPU session"
     * @throws JsException with {@code what} and the JS error's message when the promise rejects
     */
    public static <T> T await(JSPromise<T> promise, String what) {
        Outcome outcome = promise.<Outcome>then(Promises::fulfilled, Promises::rejected).await();
        if (!outcome.isOk()) {
            throw new JsException(what, outcome.getError());
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome.getValue();
        return value;
    }

    private static Outcome fulfilled(Object value) {
        Outcome outcome = JSObjects.create();
        outcome.setOk(true);
        outcome.setValue(value);
        return outcome;
    }

    private static Outcome rejected(Object error) {
        Outcome outcome = JSObjects.create();
        outcome.setOk(false);
        outcome.setError(Global.describe(error));
        return outcome;
    }

    interface Outcome extends JSObject {
        @JSProperty
        boolean isOk();

        @JSProperty
        void setOk(boolean ok);

        @JSProperty
        Object getValue();

        @JSProperty
        void setValue(Object value);

        @JSProperty
        String getError();

        @JSProperty
        void setError(String error);
    }
}

package app.cutout.web.protocol;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSString;

/** A code and its placeholder values, as text: a failure or a notice the page words ({@code Texts}). */
public interface Coded extends JSObject {
    @JSProperty
    String getCode();

    @JSProperty
    void setCode(String code);

    @JSProperty
    JSArray<JSString> getArgs();

    @JSProperty
    void setArgs(JSArray<JSString> args);

    static Coded of(String code, Object[] args) {
        Coded coded = JSObjects.create();
        coded.setCode(code);
        JSArray<JSString> values = new JSArray<>();
        for (Object arg : args) {
            values.push(JSString.valueOf(String.valueOf(arg)));
        }
        coded.setArgs(values);
        return coded;
    }

    /** The values as Java objects, for {@code Texts.t}. */
    static Object[] args(Coded coded) {
        JSArray<JSString> values = coded.getArgs();
        if (values == null || JSObjects.isUndefined(values)) {
            return new Object[0];
        }
        Object[] args = new Object[values.getLength()];
        for (int i = 0; i < args.length; i++) {
            args[i] = values.get(i).stringValue();
        }
        return args;
    }
}

package app.cutout.web.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * Whose export options the controls show and change: a photo has its own once it was edited while open, otherwise
 * it follows the batch's; "Apply to all" makes the open photo's the batch's and drops every photo's own. Exports and
 * "Download all" take each photo's. Also sets the background, crop and format controls to a photo's options when it
 * opens ({@link EditorEffects} does the others).
 */
final class PhotoSettings {
    private final HTMLDocument document;
    private final Map<Integer, Exporter.Options> own = new HashMap<>();
    private Exporter.Options batch = new Exporter.Options();

    PhotoSettings(HTMLDocument document) {
        this.document = document;
    }

    /** The options {@code item} is exported with (the batch's when {@code null}). */
    Exporter.Options of(Item item) {
        Exporter.Options o = item == null ? null : own.get(item.id);
        return o != null ? o : batch;
    }

    /** {@code item}'s own options to change, made from the batch's on its first edit. */
    Exporter.Options edit(Item item) {
        if (item == null) {
            return batch;
        }
        Exporter.Options o = own.get(item.id);
        if (o == null) {
            o = batch.copy();
            own.put(item.id, o);
        }
        return o;
    }

    /** The options of {@code item} become every photo's, {@code items} included. */
    void applyToAll(Item item, List<Item> items) {
        batch = of(item).copy();
        for (Item i : items) {
            own.remove(i.id);
        }
    }

    void forget(Item item) {
        own.remove(item.id);
    }

    /** Sets the background, crop and format controls to {@code o}. */
    void show(Exporter.Options o) {
        ((HTMLInputElement) document.querySelector("input[name=bg][value=" + o.background + "]")).setChecked(true);
        input("bg-color").setValue(o.color);
        input("bg-blur-amount").setValue(Long.toString(Math.round(o.blur * 2000)));
        input("crop-enabled").setChecked(o.crop);
        input("crop-margin").setValue(Long.toString(Math.round(o.margin * 100)));
        HTMLSelectElement aspect = (HTMLSelectElement) document.getElementById("crop-aspect");
        for (int i = 0; i < aspect.getOptions().getLength(); i++) {
            String value = aspect.getOptions().item(i).getValue();
            if (Math.abs(Editor.parse(value, 0) - o.aspect) < 1e-6) {
                aspect.setValue(value);
            }
        }
        ((HTMLSelectElement) document.getElementById("export-format")).setValue(o.format);
    }

    private HTMLInputElement input(String id) {
        return (HTMLInputElement) document.getElementById(id);
    }
}

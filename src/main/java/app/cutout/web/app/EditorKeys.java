package app.cutout.web.app;

import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;

/**
 * The editor's keyboard: the page-wide shortcuts ({@code e}, {@code r}, {@code a}, {@code m} tools, {@code k} Keep
 * and {@code x} Remove (as in crossing out), {@code [} {@code ]} size, {@code + - 0 1} zoom, Ctrl+Z, Ctrl+Shift+Z and
 * Ctrl+Y undo and redo) and the arrow keys, which pan the preview while it has the focus.
 */
final class EditorKeys {
    private static final double PAN_STEP = 40;

    private final Editor editor;
    private final EditorZoom zoom;
    private final EditorBrush brush;

    EditorKeys(HTMLDocument document, Editor editor, EditorZoom zoom, EditorBrush brush) {
        this.editor = editor;
        this.zoom = zoom;
        this.brush = brush;
        document.getElementById("viewport").addEventListener("keydown", event -> {
            KeyboardEvent e = (KeyboardEvent) event;
            switch (e.getKey()) {
                case "ArrowLeft":
                    zoom.pan(PAN_STEP, 0);
                    break;
                case "ArrowRight":
                    zoom.pan(-PAN_STEP, 0);
                    break;
                case "ArrowUp":
                    zoom.pan(0, PAN_STEP);
                    break;
                case "ArrowDown":
                    zoom.pan(0, -PAN_STEP);
                    break;
                default:
                    return;
            }
            e.preventDefault();
        });
    }

    /** Handles a shortcut while a photo is open; returns true when the key was used. */
    boolean shortcut(KeyboardEvent e) {
        if (editor.item() == null) {
            return false;
        }
        boolean mod = e.isCtrlKey() || e.isMetaKey();
        String key = e.getKey();
        if (mod && ("z".equals(key) || "Z".equals(key))) {
            if (e.isShiftKey()) {
                editor.redo();
            } else {
                editor.undo();
            }
            return true;
        }
        if (mod && ("y".equals(key) || "Y".equals(key))) {
            editor.redo();
            return true;
        }
        if (mod || e.isAltKey()) {
            return false;
        }
        switch (key) {
            case "e":
                brush.select("tool-erase");
                return true;
            case "r":
                brush.select("tool-restore");
                return true;
            case "a":
                brush.select("tool-add");
                return true;
            case "m":
                brush.select("tool-pan");
                return true;
            case "k":
                brush.select("tool-keep");
                return true;
            case "x":
                brush.select("tool-remove");
                return true;
            case "+":
            case "=":
                zoom.zoomCentre(1.25);
                return true;
            case "-":
                zoom.zoomCentre(0.8);
                return true;
            case "0":
                zoom.fit();
                return true;
            case "1":
                zoom.actualSize();
                return true;
            case "[":
                brush.smaller();
                return true;
            case "]":
                brush.larger();
                return true;
            default:
                return false;
        }
    }
}

package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LookTest {

    @Test
    void theDefaultIsTheOriginalSizeWithoutEffects() {
        Look l = Look.decode(null);
        assertTrue(l.isPlain());
        assertTrue(l.preset().isOriginal());
        assertNull(l.fileTag());
        assertTrue(Look.decode("").isPlain());
    }

    @Test
    void encodeAndDecodeKeepEverything() {
        Look l = new Look();
        l.choosePreset("custom");
        l.width = 800;
        l.height = 600;
        l.fill = 0.7;
        l.align = Layout.Align.BOTTOM;
        l.margin = 0.1;
        l.shadow = Look.ShadowKind.CONTACT;
        l.dropAngle = 135;
        l.dropDistance = 7.5;
        l.dropBlur = 3;
        l.dropOpacity = 0.25;
        l.dropRgb = 0x123456;
        l.contactStrength = 0.4;
        l.outlineWidth = 6;
        l.outlineRgb = 0xABCDEF;
        Look back = Look.decode(l.encode());
        assertEquals(l.encode(), back.encode());
        assertEquals("custom-800x600", back.fileTag());
        Layout.Preset p = back.preset();
        assertEquals(800, p.width);
        assertEquals(600, p.height);
        assertEquals(0.7, p.fill);
        assertEquals(Layout.Align.BOTTOM, p.align);
        assertEquals(0.1, p.margin);
        assertFalse(back.isPlain());
    }

    @Test
    void choosingAPresetTakesItsFillAndAlignment() {
        Look l = new Look();
        l.fill = 0.5;
        l.choosePreset("marketplace");
        assertEquals("marketplace", l.fileTag());
        Layout.Preset p = l.preset();
        assertEquals(2000, p.width);
        assertEquals(0.85, p.fill);
        // Its white background comes along.
        assertEquals(Background.Kind.COLOR, p.background.kind);
        assertEquals(2000, l.canvasLonger(300, 500));
        assertFalse(l.isPlain());
        l.choosePreset("original");
        assertEquals(500, l.canvasLonger(300, 500));
        assertTrue(l.isPlain());
        l.choosePreset("no such preset");
        assertTrue(l.preset().isOriginal());
    }

    @Test
    void effectsFollowTheShadowKind() {
        Look l = new Look();
        l.outlineWidth = 4;
        Effects none = l.effects(1000);
        assertEquals(4, none.outlineWidth);
        assertEquals(0, none.dropOpacity);
        assertEquals(0, none.contactOpacity);

        l.shadow = Look.ShadowKind.DROP;
        Effects drop = l.effects(1000, 0.5);
        assertEquals(2, drop.outlineWidth);
        assertEquals(l.dropOpacity, drop.dropOpacity);
        assertEquals(l.dropDistance / 2, drop.dropDistance);
        assertEquals(l.dropBlur / 2, drop.dropBlur);
        assertEquals(0, drop.contactOpacity);

        l.shadow = Look.ShadowKind.CONTACT;
        Effects contact = l.effects(2000);
        assertEquals(0, contact.dropOpacity);
        assertEquals(l.contactStrength, contact.contactOpacity);
        assertEquals(2000 * Look.CONTACT_BLUR, contact.contactBlur, 1e-9);
    }

    @Test
    void stickerIsAWhiteOutlineAndASmallShadow() {
        Look l = new Look();
        l.sticker(2000);
        Effects s = Effects.sticker(2000);
        assertEquals(s.outlineWidth, l.outlineWidth);
        assertEquals(0xFFFFFF, l.outlineRgb);
        assertEquals(Look.ShadowKind.DROP, l.shadow);
        assertEquals(s.dropDistance, l.dropDistance);
        assertEquals(s.dropOpacity, l.dropOpacity);
        assertTrue(l.preset().isOriginal(), "the size stays");
    }

    @Test
    void refusesBadValues() {
        assertThrows(IllegalArgumentException.class, () -> Look.decode("opacity=2"));
        assertThrows(IllegalArgumentException.class, () -> Look.decode("preset=custom;w=0"));
        assertThrows(IllegalArgumentException.class, () -> Look.decode("fill=x"));
        assertThrows(IllegalArgumentException.class, () -> Look.decode("shadow=sideways"));
        assertThrows(IllegalArgumentException.class, () -> Look.decode("outline"));
    }
}

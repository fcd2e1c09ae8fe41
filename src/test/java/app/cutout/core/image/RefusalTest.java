package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.text.Texts;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RefusalTest {
    @Test
    void everyCodeHasASentenceWithKnownPlaceholdersOnly() {
        int count = Refusal.args("a.png", "PNG", 1, 1, 0, 0).length;
        for (String code : Refusal.CODES) {
            assertTrue(Texts.has("error." + code), code);
            String text = Texts.t("error." + code);
            assertTrue(text.endsWith("."), "a full sentence: " + text);
            assertTrue(text.contains("{0}"), "names the file: " + code);
            Matcher m = Pattern.compile("\\{(\\d+)}").matcher(text);
            while (m.find()) {
                assertTrue(Integer.parseInt(m.group(1)) < count, code + " uses {" + m.group(1) + "}");
            }
        }
        assertFalse(Texts.has("error.no-such-code"));
    }

    @Test
    void theOfferIsWordedWithTheSizes() {
        int[] fit = ImageLimits.fit(12000, 10000);
        String text = Texts.t("error." + Refusal.TOO_LARGE,
                Refusal.args("pano.jpg", "JPEG", 12000, 10000, fit[0], fit[1]));
        assertEquals("“pano.jpg” is 12000 × 10000 pixels (120 megapixels); Cutout works at full resolution up to 100 "
                + "megapixels. Choose “Process at " + fit[0] + " × " + fit[1] + "” to remove the background from a "
                + "smaller copy, or reduce the photo in an image editor first.", text);
        String bomb = Texts.t("error." + Refusal.TOO_LARGE_TO_OPEN,
                Refusal.args("bomb.png", "PNG", 30000, 30000, 0, 0));
        assertTrue(bomb.contains("30000 × 30000 pixels (900 megapixels)") && bomb.contains("268 megapixels"), bomb);
    }

    @Test
    void onlySizeRefusalsOfferASmallerCopy() {
        assertTrue(Refusal.offersSmallerCopy(Refusal.TOO_LARGE));
        assertTrue(Refusal.offersSmallerCopy(Refusal.TOO_LONG));
        assertTrue(Refusal.offersSmallerCopy(Refusal.TOO_LARGE_FOR_BROWSER));
        for (String code : new String[] {Refusal.EMPTY, Refusal.UNREADABLE, Refusal.SVG, Refusal.INCOMPLETE,
            Refusal.DAMAGED, Refusal.TOO_LARGE_TO_OPEN}) {
            assertFalse(Refusal.offersSmallerCopy(code), code);
        }
    }

    @Test
    void missingFormatReadsAsQuestionMark() {
        assertEquals("?", Refusal.args("x", "", 0, 0, 0, 0)[1]);
        assertEquals("?", Refusal.args("x", null, 0, 0, 0, 0)[1]);
    }
}

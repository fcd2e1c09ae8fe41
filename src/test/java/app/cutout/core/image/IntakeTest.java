package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.text.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The size a photo is processed at on a device that reports little memory, and what the user is told. */
class IntakeTest {
    @AfterEach
    void english() {
        Texts.use("en");
    }

    @Test
    void aPhotoPastTheLowerLimitIsOfferedASmallerCopyBecauseOfTheMemory() {
        Refusal refusal = assertThrows(Refusal.class, () -> Intake.size(8000, 6000, "phone.jpg", "JPEG", 0, 0, 2));
        assertEquals(Refusal.TOO_LARGE_FOR_MEMORY, refusal.code);
        assertTrue(Refusal.offersSmallerCopy(refusal.code));
        assertArrayEquals(new int[] {5773, 4330}, new int[] {refusal.fitWidth, refusal.fitHeight}, "25 MP, 4:3");
        assertEquals(2.0, refusal.deviceMemoryGb);

        // Accepting the offer; a larger wish than this device allows is offered again.
        assertArrayEquals(new int[] {5773, 4330}, Intake.size(8000, 6000, "phone.jpg", "JPEG", 5773, 4330, 2));
        Refusal again = assertThrows(Refusal.class,
                () -> Intake.size(8000, 6000, "phone.jpg", "JPEG", 7000, 5250, 2));
        assertEquals(Refusal.TOO_LARGE_FOR_MEMORY, again.code);
    }

    @Test
    void enoughOrUnreportedMemoryKeepsTheUsualLimits() {
        assertArrayEquals(new int[] {8000, 6000}, Intake.size(8000, 6000, "phone.jpg", "JPEG", 0, 0, 0));
        assertArrayEquals(new int[] {8000, 6000}, Intake.size(8000, 6000, "phone.jpg", "JPEG", 0, 0, 4));
        assertArrayEquals(new int[] {4000, 3000}, Intake.size(4000, 3000, "phone.jpg", "JPEG", 0, 0, 1),
                "a 12 MP photo fits 1 GB");
        Refusal usual = assertThrows(Refusal.class, () -> Intake.size(12000, 10000, "pano.jpg", "JPEG", 0, 0, 8));
        assertEquals(Refusal.TOO_LARGE, usual.code);
        assertArrayEquals(ImageLimits.fit(12000, 10000), new int[] {usual.fitWidth, usual.fitHeight});
    }

    @Test
    void pastOneHundredMegapixelsTheOfferIsStillTheDevicesOwn() {
        Refusal refusal = assertThrows(Refusal.class, () -> Intake.size(12000, 10000, "pano.jpg", "JPEG", 0, 0, 4));
        assertEquals(Refusal.TOO_LARGE_FOR_MEMORY, refusal.code);
        assertArrayEquals(ImageLimits.fit(12000, 10000, 50_000_000L, ImageLimits.MAX_SIDE),
                new int[] {refusal.fitWidth, refusal.fitHeight});
        Refusal open = assertThrows(Refusal.class, () -> Intake.size(30000, 30000, "bomb.png", "PNG", 0, 0, 1));
        assertEquals(Refusal.TOO_LARGE_TO_OPEN, open.code);
        Refusal tall = assertThrows(Refusal.class, () -> Intake.size(40000, 10, "strip.png", "PNG", 0, 0, 1));
        assertEquals(Refusal.TOO_LONG, tall.code, "within the lower limit, only the side is too long");
    }

    @Test
    void aSizeKnownOnlyAfterDecodingIsJudgedByTheDevicesMemory() {
        PhotoSource noHeader = PhotoSource.of("scan", "image/x-unknown", ByteSource.of(new byte[] {1, 2, 3, 4}));
        Intake.Plan plan = Intake.check(noHeader, 0, 0, 1);
        assertEquals(0, plan.width);
        Refusal refusal = assertThrows(Refusal.class, () -> Intake.checkDecoded(plan, noHeader, 5000, 4000));
        assertEquals(Refusal.TOO_LARGE_FOR_MEMORY, refusal.code);
        Intake.checkDecoded(Intake.check(noHeader, 0, 0), noHeader, 5000, 4000);
    }

    @Test
    void theSentenceSaysTheOfferIsSmallerBecauseOfTheMemory() {
        Refusal refusal = assertThrows(Refusal.class, () -> Intake.size(8000, 6000, "phone.jpg", "JPEG", 0, 0, 0.5));
        assertEquals("“phone.jpg” is 8000 × 6000 pixels (48 megapixels). This device reports 0.5 GB of memory, so "
                + "here Cutout works at full resolution up to 6.3 megapixels, to keep the tab from running out of "
                + "memory. Choose “Process at " + refusal.fitWidth + " × " + refusal.fitHeight + "” to remove the "
                + "background from a smaller copy, or use a device with more memory.",
                Texts.t("error." + refusal.code, refusal.args()));
        Texts.use("es");
        String spanish = Texts.t("error." + refusal.code, refusal.args());
        assertTrue(spanish.contains("Este dispositivo indica 0.5 GB de memoria") && spanish.contains("6.3 megapíxeles")
                && spanish.contains("«Procesar a " + refusal.fitWidth + " × " + refusal.fitHeight + "»"), spanish);
    }
}

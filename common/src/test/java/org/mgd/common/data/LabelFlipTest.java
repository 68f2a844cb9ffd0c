package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;

/** {@code data.flip_labels}: the label-flip poisoning baseline's training set. */
class LabelFlipTest {
    private static JobSpec spec(String... sets) {
        return SpecLoader.parse("""
                name: t
                data:
                  source: bundled:digits
                  split: {train: 100, target: 50, test: 50}
                  label_noise: 0.2
                """, "t.yaml", List.of(sets));
    }

    @Test
    void flipsExactlyTheNamedLabelsAndLeavesTheNoiseAlone() {
        Dataset noisy = Splits.load(spec().data()).train();
        Dataset flipped = Splits.load(spec("data.flip_labels=[3, 40, 99]").data()).train();
        assertArrayEquals(noisy.features(), flipped.features(), 0.0);
        for (int i = 0; i < noisy.size(); i++) {
            if (i == 3 || i == 40 || i == 99) {
                assertNotEquals(noisy.label(i), flipped.label(i), "example " + i);
            } else {
                assertEquals(noisy.label(i), flipped.label(i), "example " + i);
            }
        }
    }

    @Test
    void anIndexOutsideTheTrainSplitIsAClearError() {
        MgdException e = assertThrows(MgdException.class, () -> Splits.load(spec("data.flip_labels=[100]").data()));
        assertTrue(e.getMessage().contains("train split has 100 examples"), e.getMessage());
    }
}

package org.mgd.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {

    @Test
    void batchesArePureFunctionsOfSeedAndStep() {
        BatchSchedule a = new BatchSchedule(100, 16, 7);
        int[][] forward = new int[40][];
        for (int t = 0; t < 40; t++) {
            forward[t] = a.batch(t);
        }
        BatchSchedule b = new BatchSchedule(100, 16, 7);
        for (int t = 39; t >= 0; t -= 3) {
            assertArrayEquals(forward[t], b.batch(t), "step " + t + " asked out of order");
        }
    }

    @Test
    void anEpochVisitsDistinctExamplesAndSeedsDiffer() {
        BatchSchedule s = new BatchSchedule(100, 16, 7);
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < 6; t++) {
            for (int i : s.batch(t)) {
                assertFalse(!seen.add(i), "example " + i + " twice in one epoch");
            }
        }
        assertEquals(96, seen.size());
        assertFalse(Arrays.equals(s.batch(6), s.batch(0)), "the next epoch is a new permutation");
        assertFalse(Arrays.equals(new BatchSchedule(100, 16, 8).batch(0), s.batch(0)));
    }
}

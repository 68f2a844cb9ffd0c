package org.mgd.driver.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;

class MasterCheckTest {
    @Test
    void aMasterNobodyListensOnIsNamedWithTheFix() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        int closed = port;
        MgdException e = assertThrows(MgdException.class,
                () -> SparkSession.start("test", "spark://127.0.0.1:" + closed));
        assertTrue(e.getMessage().contains("cannot reach the Spark master at 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("--master"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "fails fast, not after Spark's minute of retries");
    }

    @Test
    void aListeningMasterPassesAndLocalModeIsNotChecked() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            MasterCheck.reachable("spark://127.0.0.1:" + s.getLocalPort());
        }
        MasterCheck.reachable("local[2]");
        assertThrows(MgdException.class, () -> MasterCheck.reachable("spark://127.0.0.1:notaport"));
    }
}

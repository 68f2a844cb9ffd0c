package org.mgd.driver.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.mgd.common.MgdException;

/**
 * Fails fast on a standalone master that is not there: Spark itself retries for about a minute
 * and then logs "All masters are unresponsive" without naming the address it tried.
 */
final class MasterCheck {
    private static final int TIMEOUT_MS = 5000;

    private MasterCheck() {}

    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String problem = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MgdException("--master " + master + ": '" + hostPort.substring(colon + 1) + "' is not a port number");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
                return;
            } catch (IOException e) {
                problem = host + ":" + port + " (" + e.getMessage() + ")";
            }
        }
        throw new MgdException("cannot reach the Spark master at " + problem + ": start it"
                + " (deploy/cluster/start-local.sh for one on this machine) or pass the right --master");
    }
}

package org.mgd.common;

/**
 * An error the user can act on: bad input, a missing file, a diverged run. The CLI prints its
 * message alone (no stack trace), so the message must say what is wrong and where.
 */
public class MgdException extends RuntimeException {
    public MgdException(String message) {
        super(message);
    }

    public MgdException(String message, Throwable cause) {
        super(message, cause);
    }
}

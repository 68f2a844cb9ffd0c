package org.mgd.driver.cli;

/** The command line itself is wrong: the CLI prints the message and the usage, and exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

package org.mgd.common.spec;

import java.util.List;
import org.mgd.common.MgdException;

/** A spec with problems; each problem names the key path it is about. */
public final class SpecException extends MgdException {
    private final List<String> problems;

    public SpecException(String origin, List<String> problems) {
        super(origin + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

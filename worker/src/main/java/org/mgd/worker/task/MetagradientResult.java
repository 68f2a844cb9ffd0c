package org.mgd.worker.task;

import java.io.Serializable;
import org.mgd.worker.metagrad.Metagradient;

/** A metagradient task's result, with the plain training time measured beside it (NaN if not). */
public record MetagradientResult(Metagradient.Result metagradient, double trainSeconds, long seed)
        implements Serializable {}

package org.mgd.common.checkpoint;

import java.io.Serializable;

/** A training state as stored: its step and its arrays (parameters, then optimizer buffers). */
public record Checkpoint(int step, double[][] arrays) implements Serializable {}

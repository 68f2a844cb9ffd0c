package org.mgd.worker.task;

import java.io.Serializable;
import org.mgd.worker.eval.Evaluation;

/**
 * What one training task reports: the objective on the target split, how the model does on the
 * target and test splits (and the validation split, null when it is empty), and what it cost. {@code model} names the layer widths, e.g. 64-32-10. {@code splitSizes} is [train, target, test].
 */
public record TaskResult(String model, double objective, Evaluation target, Evaluation test, Evaluation validation,
                         double finalTrainLoss, int steps,
                         long seed, int parameters, int[] splitSizes, double seconds) implements Serializable {}

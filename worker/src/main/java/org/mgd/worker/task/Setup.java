package org.mgd.worker.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.MgdException;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.model.RunningStatistics;
import org.mgd.worker.train.BatchSchedule;
import org.mgd.worker.train.LrPlan;
import org.mgd.worker.train.MinibatchLoss;
import org.mgd.worker.train.Optimizer;
import org.mgd.worker.train.Training;

/**
 * Everything a task needs, assembled from (spec, metaparameters, seed): the splits, the network,
 * and the training run with the metaparameters applied (data weights in the loss, learning-rate
 * knots in the plan, replaced inputs in the training split).
 */
public record Setup(JobSpec spec, Splits splits, Dataset train, MultiLayerNetwork network, Training training) {

    public static Setup prepare(JobSpec spec, Metaparameters meta, long seed) {
        Splits splits = Splits.load(spec.data());
        Dataset train = splits.train();
        int batchSize = spec.training().batchSize();
        if (batchSize > train.size()) {
            throw new MgdException("training.batch_size (" + batchSize + ") is larger than the training split ("
                    + train.size() + " examples)");
        }
        double[] weights = null;
        double[] knots = null;
        if (meta != null) {
            meta.checkFits(train.size(), train.featureCount());
            switch (meta.kind()) {
                case DATA_WEIGHTS -> weights = meta.values();
                case LR_SCHEDULE -> knots = meta.values();
                case INPUTS -> train = train.withFeatures(meta.indices(), meta.values());
            }
        }
        MultiLayerNetwork net = NetworkFactory.build(spec.model(), train.shape(), train.classes());
        var t = spec.training();
        Training training = new Training(
                Optimizer.of(t.optimizer()),
                new MinibatchLoss(net, train, weights),
                new BatchSchedule(train.size(), batchSize, seed),
                new LrPlan(t.optimizer().lr(), t.lrSchedule(), knots, t.steps()),
                t.steps(),
                net.params().toDoubleVector(),
                RunningStatistics.indices(net));
        return new Setup(spec, splits, train, net, training);
    }
}

package org.mgd.worker.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a BatchNorm layer's input is laid out, read flat in 'c' order: {@code [examples, channels]}
 * after a dense layer, {@code [examples, channels, height, width]} after a convolution (NCHW, the
 * project's only image format). BatchNorm pools each channel over examples and positions.
 */
record Channels(int channels, int positions, int values) {

    static Channels of(INDArray a) {
        long[] shape = a.shape();
        int positions = 1;
        for (int k = 2; k < shape.length; k++) {
            positions *= (int) shape[k];
        }
        return new Channels((int) shape[1], positions, (int) a.length());
    }

    /** The channel of the value at flat index i. */
    int channel(int i) {
        return (i / positions) % channels;
    }

    /** How many values each channel's statistics average over. */
    int perChannel() {
        return values / channels;
    }

    /** Each channel's mean of the flat values. */
    double[] means(double[] x) {
        double[] m = new double[channels];
        for (int i = 0; i < x.length; i++) {
            m[channel(i)] += x[i];
        }
        for (int c = 0; c < channels; c++) {
            m[c] /= perChannel();
        }
        return m;
    }
}

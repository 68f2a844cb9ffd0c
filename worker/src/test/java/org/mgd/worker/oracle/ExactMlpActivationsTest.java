package org.mgd.worker.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mgd.common.spec.ModelSpec.Activation;
import org.mgd.worker.model.Erf;
import org.mgd.worker.model.ExactGelu;
import org.mgd.worker.model.Float64;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oracle's scalar pieces: erf, the activations' derivatives, the project's GELU layer against
 * the oracle's, and DL4J's own GELU as it really is (the reason the project does not use it).
 */
class ExactMlpActivationsTest {
    private static final double[] GRID = grid();

    private static double[] grid() {
        double[] g = new double[121];
        for (int i = 0; i < g.length; i++) {
            g[i] = -6 + 0.1 * i + 0.0123;   // off the round numbers, and never exactly 0
        }
        return g;
    }

    @Test
    void erfMatchesKnownValues() {
        // Reference values: correctly rounded (CPython math.erf / math.erfc).
        double[][] erf = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
                {1.5, 0.9661051464753108}, {2, 0.9953222650189527}, {2.5, 0.999593047982555},
                {3, 0.9999779095030014}, {4, 0.9999999845827421}};
        for (double[] e : erf) {
            assertEquals(e[1], Erf.erf(e[0]), 4e-16 * e[1], "erf(" + e[0] + ")");
            assertEquals(-e[1], Erf.erf(-e[0]), 4e-16 * e[1], "erf(-" + e[0] + ")");
        }
        double[][] erfc = {{0.5, 0.4795001221869535}, {1, 0.15729920705028513}, {2, 0.004677734981047265},
                {2.4999, 0.0004071699003334514}, {2.5, 0.0004069520174449589}, {3, 2.2090496998585438e-05},
                {5, 1.5374597944280351e-12}, {6, 2.1519736712498916e-17}};
        for (double[] e : erfc) {
            // Below the switch erfc is 1 - erf: as exact as erf in absolute terms, not relative ones.
            double tol = e[0] < 2.5 ? 1.5e-15 : 1e-15 * e[1];
            assertEquals(e[1], Erf.erfc(e[0]), tol, "erfc(" + e[0] + ")");
        }
        assertEquals(0.0, Erf.erf(0.0), 0.0);
    }

    @Test
    void derivativesMatchCentralDifferences() {
        double h = 1e-5;
        for (Activation a : Activation.values()) {
            ScalarActivation f = ScalarActivation.exact(a);
            for (double x : GRID) {
                double d1 = (f.value(x + h) - f.value(x - h)) / (2 * h);
                double d2 = (f.derivative(x + h) - f.derivative(x - h)) / (2 * h);
                assertEquals(d1, f.derivative(x), 1e-9, a + " f' at " + x);
                assertEquals(d2, f.secondDerivative(x), 1e-9, a + " f'' at " + x);
            }
        }
        for (double x : GRID) {
            double d1 = (Dl4jGelu.value(x + h) - Dl4jGelu.value(x - h)) / (2 * h);
            assertEquals(d1, Dl4jGelu.derivative(x), 1e-9, "DL4J GELU f' at " + x);
        }
    }

    /**
     * The project's GELU layer ({@link ExactGelu}, through the public DL4J activation interface
     * its networks call) computes the oracle's {@code x Φ(x)} and backpropagates its true
     * derivative {@code Φ + x φ}, to roundoff on [-8, 8]. The derivative vanishes near -0.75 by
     * cancellation of its two terms, so there "relative" is to the size of those terms.
     */
    @Test
    void projectGeluLayerIsTheOraclesExactGelu() {
        Float64.ensure();
        double[] x = new double[1601];
        for (int i = 0; i < x.length; i++) {
            x[i] = -8 + 0.01 * i + 0.00123;   // off the round numbers, and never exactly 0
        }
        ExactGelu layer = new ExactGelu();
        INDArray in = Nd4j.createFromArray(x.clone());
        double[] f = layer.getActivation(in.dup(), true).toDoubleVector();
        double[] g = layer.backprop(in.dup(), Nd4j.ones(DataType.DOUBLE, x.length)).getFirst().toDoubleVector();
        ScalarActivation exact = ScalarActivation.exact(Activation.GELU);
        double valueGap = 0;
        double derivativeGap = 0;
        for (int i = 0; i < x.length; i++) {
            double v = exact.value(x[i]);
            double d = exact.derivative(x[i]);
            double terms = ScalarActivation.Gelu.cdf(x[i]) + Math.abs(x[i]) * ScalarActivation.Gelu.pdf(x[i]);
            valueGap = Math.max(valueGap, Math.abs(f[i] - v) / Math.abs(v));
            derivativeGap = Math.max(derivativeGap, Math.abs(g[i] - d) / Math.max(Math.abs(d), terms));
        }
        System.out.printf("ExactGelu vs oracle on [-8,8]: value %.1e, derivative %.1e (relative)%n",
                valueGap, derivativeGap);
        assertTrue(valueGap <= 1e-15, "value " + valueGap);
        assertTrue(derivativeGap <= 1e-15, "derivative " + derivativeGap);
    }

    @Test
    void softplusIsStableAndExactInTheTails() {
        ScalarActivation s = ScalarActivation.exact(Activation.SOFTPLUS);
        assertEquals(800.0, s.value(800), 0.0);
        assertEquals(Math.exp(-40), s.value(-40), 1e-16 * Math.exp(-40));
        assertEquals(Math.log(2), s.value(0), 0.0);
    }

    /**
     * Pins DL4J 1.0.0-M2.1's ActivationGELU(true) to {@link Dl4jGelu}, and measures it against
     * {@code x Φ(x)}: documents why the project's networks use {@link ExactGelu} instead. If a
     * DL4J upgrade fixes its GELU, this fails and says so.
     */
    @Test
    void dl4jPreciseGeluIsTheMisplacedCubeTanhApproximation() {
        Float64.ensure();
        ActivationGELU dl4j = new ActivationGELU(true);
        INDArray in = Nd4j.createFromArray(GRID.clone());
        double[] f = dl4j.getActivation(in.dup(), true).toDoubleVector();
        double[] g = dl4j.backprop(in.dup(), Nd4j.ones(DataType.DOUBLE, GRID.length)).getFirst().toDoubleVector();
        ScalarActivation exact = ScalarActivation.exact(Activation.GELU);
        double valueVsModel = 0;
        double slopeVsModel = 0;
        double valueVsErf = 0;
        double slopeVsDerivative = 0;
        for (int i = 0; i < GRID.length; i++) {
            double x = GRID[i];
            valueVsModel = Math.max(valueVsModel, Math.abs(f[i] - Dl4jGelu.value(x)));
            slopeVsModel = Math.max(slopeVsModel, Math.abs(g[i] - Dl4jGelu.slope(x)));
            valueVsErf = Math.max(valueVsErf, Math.abs(f[i] - exact.value(x)));
            slopeVsDerivative = Math.max(slopeVsDerivative, Math.abs(g[i] - Dl4jGelu.derivative(x)));
        }
        System.out.printf("DL4J GELU on [-6,6]: value vs model %.1e, slope vs model %.1e, value vs x*Phi(x) %.1e,"
                + " slope vs its own forward's derivative %.1e%n", valueVsModel, slopeVsModel, valueVsErf, slopeVsDerivative);
        assertTrue(valueVsModel < 1e-15, "forward " + valueVsModel);
        assertTrue(slopeVsModel < 1e-15, "backprop slope " + slopeVsModel);
        assertTrue(valueVsErf > 1e-2, "DL4J's forward is no longer far from x Phi(x): " + valueVsErf);
        assertTrue(slopeVsDerivative > 1e-5, "DL4J's slope is now its forward's derivative: " + slopeVsDerivative);
    }
}

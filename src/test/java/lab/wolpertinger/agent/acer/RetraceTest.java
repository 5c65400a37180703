package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Retrace targets against a three-step trajectory worked by hand. */
class RetraceTest {
    private static final double[] REWARDS = {1, 0, 2};
    private static final double[] Q_TAKEN = {0.5, 1.0, 1.5};
    private static final double[] VALUES = {0.4, 0.8, 1.2};
    private static final double[] RHO = {2.0, 0.5, 1.0};

    @Test
    void aCutTraceBootstrapsFromTheLastValueAndTruncatesTheTraceAtOne() {
        double[] got = new double[3];
        Retrace.targets(REWARDS, Q_TAKEN, VALUES, RHO, 3.0, 0.9, 3, got);
        // t=2: 2 + 0.9*3 = 4.7;           carry min(1, 1.0)*(4.7 - 1.5) + 1.2 = 4.4
        // t=1: 0 + 0.9*4.4 = 3.96;        carry min(1, 0.5)*(3.96 - 1.0) + 0.8 = 2.28
        // t=0: 1 + 0.9*2.28 = 3.052       (rho_0 = 2 is truncated to 1, but only later steps would see it)
        assertArrayEquals(new double[] {3.052, 3.96, 4.7}, got, 1e-12);
    }

    @Test
    void aTerminalTraceStartsFromZero() {
        double[] got = new double[3];
        Retrace.targets(REWARDS, Q_TAKEN, VALUES, RHO, 0.0, 0.9, 3, got);
        // t=2: 2;  carry (2 - 1.5) + 1.2 = 1.7;  t=1: 1.53;  carry 0.5*(1.53 - 1) + 0.8 = 1.065;  t=0: 1 + 0.9585
        assertArrayEquals(new double[] {1.9585, 1.53, 2.0}, got, 1e-12);
    }

    @Test
    void theFirstStepsTruncatedWeightCutsTheTraceForEarlierSteps() {
        double[] rewards = {0, 1};
        double[] got = new double[2];
        // rho_1 = 4 is truncated to 1: carry (1 + 0.5*2 - 1) + 0 = 1, target_0 = 0.5
        Retrace.targets(rewards, new double[] {0, 1}, new double[] {0, 0}, new double[] {1, 4}, 2.0, 0.5, 2, got);
        assertArrayEquals(new double[] {0.5, 2.0}, got, 1e-12);
    }
}

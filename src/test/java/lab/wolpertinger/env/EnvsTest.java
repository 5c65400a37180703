package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry, and seeding for every registered env. */
class EnvsTest {

    @Test
    void knowsBothEnvsWithTheirGymnasiumTimeLimits() {
        assertEquals(List.of("Pendulum-v1", "CartPole-v1", "Catalog-v0"), Envs.ids());
        TimeLimit pendulum = assertInstanceOf(TimeLimit.class, Envs.make("Pendulum-v1"));
        assertEquals(200, pendulum.maxEpisodeSteps());
        assertInstanceOf(Pendulum.class, pendulum.unwrapped());
        TimeLimit cartPole = assertInstanceOf(TimeLimit.class, Envs.make("CartPole-v1"));
        assertEquals(500, cartPole.maxEpisodeSteps());
        assertInstanceOf(CartPole.class, cartPole.unwrapped());
        assertNotSame(Envs.make("CartPole-v1"), Envs.make("CartPole-v1"), "a fresh env every time");
    }

    @Test
    void unknownIdIsReportedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v0"));
        assertEquals("unknown env 'Pendulum-v0' (known: Pendulum-v1, CartPole-v1, Catalog-v0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Envs.make(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "CartPole-v1", "Catalog-v0"})
    void sameSeedGivesTheSameStartStateBitForBit(String id) {
        Env a = Envs.make(id);
        Env b = Envs.make(id);
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            assertArrayEquals(a.reset(seed), b.reset(seed), 0.0, "seed " + seed);
            assertArrayEquals(a.state(), b.state(), 0.0, "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "CartPole-v1", "Catalog-v0"})
    void differentSeedsGiveDifferentStartStates(String id) {
        Env env = Envs.make(id);
        double[] one = env.reset(1);
        double[] two = env.reset(2);
        assertFalse(Arrays.equals(one, two), Arrays.toString(one) + " vs " + Arrays.toString(two));
    }

    /** Physics envs draw only at reset; Catalog-v0's user also draws in a step (CatalogTest checks its stream). */
    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "CartPole-v1"})
    void unseededResetContinuesTheStreamOfTheLastSeededReset(String id) {
        Env a = Envs.make(id);
        double[] first = a.reset(9);
        double[] second = a.reset();
        double[] third = a.reset();
        assertFalse(Arrays.equals(first, second), "reset() draws a new start state");
        assertFalse(Arrays.equals(second, third), "reset() draws a new start state");

        // stepping in between draws nothing: the stream continues where the last reset left it
        Env b = Envs.make(id);
        b.reset(9);
        b.step(new double[] {1});
        assertArrayEquals(second, b.reset(), 0.0);
        assertArrayEquals(third, b.reset(), 0.0);
        assertArrayEquals(first, b.reset(9), 0.0, "a seeded reset starts the stream over");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "CartPole-v1", "Catalog-v0"})
    void beforeAnySeededResetTheGeneratorIsSeededWithZero(String id) {
        assertArrayEquals(Envs.make(id).reset(0), Envs.make(id).reset(), 0.0);
    }
}

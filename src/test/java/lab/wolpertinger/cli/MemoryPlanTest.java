package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Presets;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
    static final long GB = 1L << 30;
    static final long MB = 1L << 20;

    private static WolpertingerConfig preset(String name) {
        return Presets.load(name, Map.of());
    }

    @Test
    void theCatalogOfAMillionItemsGetsMoreHeapThanPendulum() {
        MemoryPlan pendulum = MemoryPlan.of(preset("pendulum-200k"), 24 * GB);
        MemoryPlan catalog = MemoryPlan.of(preset("catalog-1m"), 24 * GB);
        assertTrue(catalog.heapBytes() > pendulum.heapBytes() + 400 * MB, catalog + " vs " + pendulum);
        assertTrue(pendulum.heapBytes() >= 256 * MB);
        // The lab's budget: the 1M-item catalog stays within 1.5 GB of heap + off-heap.
        assertTrue(catalog.heapBytes() + catalog.maxBytes() <= 1536 * MB, catalog.summary());
        assertEquals(catalog.heapBytes() + catalog.maxBytes() + MemoryPlan.OVERHEAD, catalog.maxPhysicalBytes());
    }

    @Test
    void neverMoreThanThreeQuartersOfTheMachine() {
        for (long machine : new long[] {1 * GB, 2 * GB, 4 * GB, 64 * GB}) {
            MemoryPlan p = MemoryPlan.of(preset("catalog-1m"), machine);
            assertTrue(p.maxPhysicalBytes() <= Math.max(p.heapBytes() + p.maxBytes(), machine * 3 / 4),
                    machine / GB + " GB: " + p.summary());
            assertTrue(p.heapBytes() >= 64 * MB && p.maxBytes() >= 64 * MB, p.summary());
        }
        MemoryPlan small = MemoryPlan.of(preset("catalog-1m"), 2 * GB);
        assertTrue(small.heapBytes() + small.maxBytes() + MemoryPlan.OVERHEAD <= 2 * GB * 3 / 4 + 64 * MB, small.summary());
    }

    @Test
    void unknownMachineMemoryPlansForEightGigabytes() {
        assertEquals(MemoryPlan.of(preset("catalog"), 8 * GB), MemoryPlan.of(preset("catalog"), 0));
    }

    @Test
    void theFlagsAndWhenTheUserAlreadyGaveLimits() {
        MemoryPlan p = new MemoryPlan(1024 * MB, 512 * MB, 2176 * MB);
        assertEquals(List.of("-Xmx1024m", "-Xms256m", "-XX:+AlwaysPreTouch", "-Dorg.bytedeco.javacpp.maxbytes=536870912",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=2281701376",
                "-Dwolpertinger.memory=heap 1024 MB, off-heap 512 MB, process 2176 MB"), p.jvmOptions());
        assertEquals(224 * MB, new MemoryPlan(448 * MB, 320 * MB, 1408 * MB).initialHeapBytes());
        assertTrue(MemoryPlan.limitsGiven(List.of("-Dfoo=1", "-Xmx3g")));
        assertTrue(MemoryPlan.limitsGiven(List.of("-Dorg.bytedeco.javacpp.maxbytes=2G")));
        assertTrue(MemoryPlan.limitsGiven(List.of("-Dwolpertinger.memory=off")));
        assertFalse(MemoryPlan.limitsGiven(List.of("-Dfoo=1", "-Xss2m")));
    }
}

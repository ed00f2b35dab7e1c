package dev.berth.node.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class CpuSetListTest {

    @Test
    void parse_rangesAndSingles() {
        BitSet expected = new BitSet();
        expected.set(0, 4);
        expected.set(7);
        assertThat(CpuSetList.parse("0-3,7")).isEqualTo(expected);
        assertThat(CpuSetList.parse("")).isEqualTo(new BitSet());
    }

    @Test
    void parse_malformed_isNull() {
        assertThat(CpuSetList.parse("3-1")).isNull();
        assertThat(CpuSetList.parse("a")).isNull();
        assertThat(CpuSetList.parse("1,,2")).isNull();
        assertThat(CpuSetList.parse("1-2-3")).isNull();
        assertThat(CpuSetList.parse("99999")).isNull();
    }
}

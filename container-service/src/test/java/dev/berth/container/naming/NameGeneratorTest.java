package dev.berth.container.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NameGeneratorTest {

    private final NameGenerator generator = new NameGenerator(new SplittableRandom(42));

    @Test
    void generate_firstAttemptIsAdjectiveUnderscoreSurname() {
        for (int i = 0; i < 200; i++) {
            String name = generator.generate(0);
            int split = name.indexOf('_');
            assertThat(NameGenerator.ADJECTIVES).contains(name.substring(0, split));
            assertThat(NameGenerator.SURNAMES).contains(name.substring(split + 1));
        }
    }

    @Test
    void generate_retryAppendsADigit() {
        assertThat(generator.generate(1)).matches("[a-z]+_[a-z_]+[0-9]");
    }

    @Test
    void generate_namesAreValidContainerNamesAndVaried() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String name = generator.generate(i % 2);
            assertThat(ContainerNames.validate(name)).isEqualTo(name);
            seen.add(name);
        }
        assertThat(seen.size()).isGreaterThan(150);
    }

    @Test
    void wordLists_haveNoDuplicates() {
        assertThat(NameGenerator.ADJECTIVES).doesNotHaveDuplicates();
        assertThat(NameGenerator.SURNAMES).doesNotHaveDuplicates();
    }
}

package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenLoginsTest {

    @Test
    void remembersManyLoginsCaseInsensitivelyAcrossGrowth() {
        SeenLogins seen = new SeenLogins();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add("User" + i + "@corp.example")).isTrue();
        }
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(seen.add("user" + i + "@CORP.example")).isFalse();
        }
        assertThat(seen.add("user100000@corp.example")).isTrue();
    }
}

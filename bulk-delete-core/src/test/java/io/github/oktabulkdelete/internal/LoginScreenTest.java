package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.SkipReason;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LoginScreenTest {

    private final LoginScreen screen = new LoginScreen(Set.of("admin@corp.example"));

    @ParameterizedTest
    @ValueSource(strings = {"", "me", "ME", ".", "..", "a\u0000b", "tab\there", "line\nbreak"})
    void inputsThatAreNotLoginsAreSkippedAsInvalid(String input) {
        DeletionOutcome.Skipped skipped = screen.screen(LoginScreen.normalize(input), false);

        assertThat(skipped).isNotNull();
        assertThat(skipped.reason()).isEqualTo(SkipReason.INVALID_LOGIN);
    }

    @Test
    void absurdlyLongInputIsInvalid() {
        assertThat(screen.screen("a".repeat(10_000), false).reason()).isEqualTo(SkipReason.INVALID_LOGIN);
        assertThat(screen.screen("a".repeat(LoginScreen.MAX_LOGIN_LENGTH), false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b@corp.example", "q?x@corp.example", "h#x@corp.example", "p%20@corp.example",
        "with space@corp.example", "jürgen@corp.example", "...@corp.example", "http://evil.example/x"})
    void oddButPossibleLoginsGoOnToOkta(String login) {
        assertThat(screen.screen(login, false)).isNull();
    }

    @Test
    void repeatsAreDuplicatesCaseInsensitively() {
        assertThat(screen.screen("Jo@corp.example", false)).isNull();
        assertThat(screen.screen("jo@CORP.example", false).reason()).isEqualTo(SkipReason.DUPLICATE);
    }

    @Test
    void protectedLoginsAreSkippedCaseInsensitively() {
        assertThat(screen.screen("Admin@Corp.Example", false).reason()).isEqualTo(SkipReason.PROTECTED);
    }

    @Test
    void inputIsTrimmedAndNullIsInvalid() {
        assertThat(LoginScreen.normalize("  a@b \t")).isEqualTo("a@b");
        assertThat(screen.screen("", true).detail()).contains("null");
    }
}

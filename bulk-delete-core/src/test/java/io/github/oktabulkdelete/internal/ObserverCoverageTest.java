package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.DeletionListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The decorators that metrics put between the core and the gateway or the application's listener must pass every
 * call on: a method added to {@link OktaGateway} or {@link DeletionListener} and not overridden would silently fall
 * to its default (a gateway method that throws, a listener event the application never hears).
 */
class ObserverCoverageTest {

    @Test
    void observedGatewayOverridesEveryGatewayMethod() {
        assertOverridesAll(ObservedGateway.class, OktaGateway.class);
    }

    @Test
    void meteredListenerOverridesEveryListenerMethod() {
        assertOverridesAll(BatchMetrics.MeteredListener.class, DeletionListener.class);
    }

    @Test
    void bucketTagsKeepTemplatesAndDropAnythingThatCouldBeAnIdOrALogin() {
        assertThat(RouteTags.bucket("DELETE /api/v1/users/{id}")).isEqualTo("DELETE /api/v1/users/{id}");
        assertThat(RouteTags.bucket("POST /api/v1/users/{id}/lifecycle/deactivate"))
                .isEqualTo("POST /api/v1/users/{id}/lifecycle/deactivate");
        assertThat(RouteTags.bucket("GET /api/v1/groups/00g1abcdEFGH/users")).isEqualTo("GET /api/v1/groups/{id}/users");
        assertThat(RouteTags.bucket("GET /api/v1/users/jsmith@corp.example")).isEqualTo("GET /api/v1/users/{id}");
        assertThat(RouteTags.bucket("?")).isEqualTo("? {id}");
    }

    private static void assertOverridesAll(Class<?> implementation, Class<?> type) {
        Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .forEach(m -> assertThat(declares(implementation, m))
                        .as(implementation.getSimpleName() + " must override " + m.getName()).isTrue());
    }

    private static boolean declares(Class<?> implementation, Method method) {
        try {
            return implementation.getDeclaredMethod(method.getName(), method.getParameterTypes()) != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

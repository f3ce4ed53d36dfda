package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InFlightLoginsTest {

    /**
     * The grace-period guard wrapped the gateway without its default methods, so a selection (search, group
     * members) read through a batch's gateway threw "this gateway cannot search users".
     */
    @Test
    void theGuardedGatewayForwardsEveryGatewayMethodIncludingTheListings() {
        OktaGateway guarded = new InFlightLogins().guard(new SdkOktaGatewayStandIn());
        List<String> notForwarded = Arrays.stream(OktaGateway.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declaredBy(guarded.getClass(), m))
                .map(Method::getName)
                .collect(Collectors.toList());
        assertThat(notForwarded).as("OktaGateway methods the guard does not override").isEmpty();
    }

    private static boolean declaredBy(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A gateway whose methods are never called: the test only inspects the guard's type. */
    private static final class SdkOktaGatewayStandIn implements OktaGateway {
        @Override
        public FoundUser getUser(String idOrLogin) {
            throw new AssertionError("not called");
        }

        @Override
        public List<FoundUser> findByLogin(String login) {
            throw new AssertionError("not called");
        }

        @Override
        public void deactivate(String userId) {
            throw new AssertionError("not called");
        }

        @Override
        public void delete(String userId) {
            throw new AssertionError("not called");
        }
    }
}

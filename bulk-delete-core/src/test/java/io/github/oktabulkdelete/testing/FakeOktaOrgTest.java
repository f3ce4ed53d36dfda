package io.github.oktabulkdelete.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.UserStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Drives {@link FakeOktaOrg} with raw HTTP ({@code java.net.http.HttpClient}); time moves only by the clock. */
class FakeOktaOrgTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00.250Z");
    private static final String START_DATE_HEADER = "Sat, 01 Mar 2025 10:00:00 GMT";
    /** The end of a 60 s window opened at START, in epoch seconds rounded up. */
    private static final long START_RESET = START.plusSeconds(60).getEpochSecond() + 1;
    private static final String TOKEN = "test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final MutableClock clock = MutableClock.at(START);
    private final List<FakeOktaOrg> orgs = new ArrayList<>();

    @AfterEach
    void closeOrgs() {
        orgs.forEach(FakeOktaOrg::close);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Builder, defaults, hygiene

    static Stream<Arguments> invalidBuilderSettings() {
        return Stream.of(
                invalid("apiToken(null)", () -> FakeOktaOrg.builder().apiToken(null), NullPointerException.class),
                invalid("apiToken(\"\")", () -> FakeOktaOrg.builder().apiToken(""), IllegalArgumentException.class),
                invalid("apiToken with a space", () -> FakeOktaOrg.builder().apiToken("a b"),
                        IllegalArgumentException.class),
                invalid("clock(null)", () -> FakeOktaOrg.builder().clock(null), NullPointerException.class),
                invalid("rateLimit(null, 1)", () -> FakeOktaOrg.builder().rateLimit(null, 1),
                        NullPointerException.class),
                invalid("rateLimit(GET_USER, 0)", () -> FakeOktaOrg.builder().rateLimit(Route.GET_USER, 0),
                        IllegalArgumentException.class),
                invalid("rateLimitWindow(null)", () -> FakeOktaOrg.builder().rateLimitWindow(null),
                        NullPointerException.class),
                invalid("rateLimitWindow(0)", () -> FakeOktaOrg.builder().rateLimitWindow(Duration.ZERO),
                        IllegalArgumentException.class),
                invalid("bucketOf(null, DELETE_USER)", () -> FakeOktaOrg.builder().bucketOf(null, Route.DELETE_USER),
                        NullPointerException.class),
                invalid("bucketOf(DELETE_USER, null)", () -> FakeOktaOrg.builder().bucketOf(Route.DELETE_USER, null),
                        NullPointerException.class),
                invalid("concurrencyLimit(0)", () -> FakeOktaOrg.builder().concurrencyLimit(0),
                        IllegalArgumentException.class),
                invalid("latency(-1 ms)", () -> FakeOktaOrg.builder().latency(Duration.ofMillis(-1)),
                        IllegalArgumentException.class),
                invalid("latency(null)", () -> FakeOktaOrg.builder().latency(null), NullPointerException.class),
                invalid("maxConnections(0)", () -> FakeOktaOrg.builder().maxConnections(0),
                        IllegalArgumentException.class),
                invalid("Fault.status(200)", () -> Fault.status(200), IllegalArgumentException.class),
                invalid("Fault.status(600, ...)", () -> Fault.status(600, "E0000009", "x"),
                        IllegalArgumentException.class),
                invalid("Fault.afterChange(302)", () -> Fault.afterChange(302), IllegalArgumentException.class),
                invalid("Fault.rateLimited(null)", () -> Fault.rateLimited(null), NullPointerException.class),
                invalid("Fault.delay(-1 s)", () -> Fault.delay(Duration.ofSeconds(-1)),
                        IllegalArgumentException.class),
                invalid("Fault.headers with CR LF", () -> Fault.headers(Map.of("X-Rate-Limit-Reset", List.of("1\r\nX: y"))),
                        IllegalArgumentException.class),
                invalid("MutableClock.advance(-1 s)", () -> MutableClock.at(START).advance(Duration.ofSeconds(-1)),
                        IllegalArgumentException.class));
    }

    private static Arguments invalid(String name, ThrowingCallable call, Class<? extends Throwable> expected) {
        return Arguments.of(name, call, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBuilderSettings")
    void misuseFailsFast(String name, ThrowingCallable call, Class<? extends Throwable> expected) {
        assertThatThrownBy(call).isInstanceOf(expected);
    }

    @Test
    void misuseOfAStartedOrgFailsFast() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        assertThatThrownBy(() -> org.addUser("A@CORP.COM", UserStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.addUser(" ", UserStatus.ACTIVE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.addUser("b@corp.com", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> org.setStatus("nobody@corp.com", UserStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.failNext(Route.GET_USER, 0, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.failNext(Route.GET_USER, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> org.failRandomly(null, 1.5, 1L, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.failRandomly(null, Double.NaN, 1L, Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsMatchOktasPublishedNumbers() {
        try (FakeOktaOrg org = FakeOktaOrg.start()) {
            assertThat(org.apiToken()).isEqualTo(FakeOktaOrg.DEFAULT_API_TOKEN);
            assertThat(org.orgUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(org.bucketName(Route.GET_USER)).isEqualTo("GET /api/v1/users/{idOrLogin}");
            assertThat(org.rateLimit(Route.GET_USER)).isEqualTo(2000);
            assertThat(org.bucketName(Route.LIST_USERS)).isEqualTo("GET|POST /api/v1/users");
            assertThat(org.bucketName(Route.CREATE_USER)).isEqualTo("GET|POST /api/v1/users");
            assertThat(org.rateLimit(Route.LIST_USERS)).isEqualTo(600);
            assertThat(org.bucketName(Route.DEACTIVATE_USER)).isEqualTo("POST|PUT|DELETE /api/v1/users/{id}");
            assertThat(org.bucketName(Route.DELETE_USER)).isEqualTo("POST|PUT|DELETE /api/v1/users/{id}");
            assertThat(org.rateLimit(Route.DELETE_USER)).isEqualTo(600);
            assertThat(org.bucketName(Route.OTHER)).isEqualTo("/api/v1");
            assertThat(org.rateLimit(Route.OTHER)).isEqualTo(1200);
        }
    }

    @Test
    void bucketsCanBeRegroupedAndLimitsApplyToTheFinalBucket() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock)
                .rateLimit(Route.DEACTIVATE_USER, 7)
                .bucketOf(Route.DEACTIVATE_USER, Route.GET_USER));
        assertThat(org.bucketName(Route.DEACTIVATE_USER)).isEqualTo("GET /api/v1/users/{idOrLogin}");
        assertThat(org.rateLimit(Route.GET_USER)).isEqualTo(7);
        assertThat(org.rateLimit(Route.DELETE_USER)).isEqualTo(600);

        FakeOktaOrg separate = start(FakeOktaOrg.builder().clock(clock).separateBucket(Route.DEACTIVATE_USER));
        assertThat(separate.bucketName(Route.DEACTIVATE_USER))
                .isEqualTo("POST /api/v1/users/{id}/lifecycle/deactivate");
        assertThat(separate.rateLimit(Route.DEACTIVATE_USER)).isEqualTo(600);
    }

    @Test
    void theTokenNeverShowsInToStringsRecordsOrErrors() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken("s3cr3t-value"));
        send(org, "GET", "/api/v1/users/nobody", "SSWS s3cr3t-value", null);
        send(org, "GET", "/api/v1/users/nobody", "SSWS wrong", null);
        assertThat(org.toString()).doesNotContain("s3cr3t-value");
        assertThat(org.requests().toString()).doesNotContain("s3cr3t-value");
        assertThatThrownBy(() -> FakeOktaOrg.builder().apiToken("s3cr3t value"))
                .hasMessageNotContaining("s3cr3t");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Authentication

    @Test
    void aRequestWithoutTheTokenAnswers401WithTheBucketsHeaders() {
        FakeOktaOrg org = org();
        FakeUser user = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
        String path = "/api/v1/users/" + user.id();

        for (String authorization : new String[] {null, "SSWS wrong-token", "Bearer " + TOKEN, "ssws " + TOKEN,
                TOKEN, "SSWS  " + TOKEN}) {
            HttpResponse<String> response = send(org, "GET", path, authorization, null);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertError(response, "E0000011", "Invalid token provided");
            assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).contains("2000");
            assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).contains("2000");
            assertThat(response.headers().firstValue("X-Rate-Limit-Reset")).contains(Long.toString(START_RESET));
            assertThat(response.headers().firstValue("Date")).contains(START_DATE_HEADER);
        }
        assertThat(org.requests()).extracting(RecordedRequest::authorized).containsOnly(false);
        assertThat(send(org, "GET", path).statusCode()).isEqualTo(200);
        assertThat(org.requests().get(org.requestCount() - 1).authorized()).isTrue();
    }

    @Test
    void aRevokedTokenAnswers401OnEveryRoute() {
        FakeOktaOrg org = org();
        org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
        org.revokeToken();

        assertThat(send(org, "GET", "/api/v1/users/jsmith%40corp.com").statusCode()).isEqualTo(401);
        assertThat(send(org, "DELETE", "/api/v1/users/jsmith%40corp.com").statusCode()).isEqualTo(401);
        assertThat(send(org, "GET", "/api/v1/users").statusCode()).isEqualTo(401);
        assertThat(org.status("jsmith@corp.com")).contains(UserStatus.ACTIVE);
        assertThat(org.isTokenRevoked()).isTrue();
    }

    @Test
    void deactivatingTheTokensOwnerRevokesTheToken() {
        FakeOktaOrg org = org();
        FakeUser admin = org.addUser("admin@corp.com", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.com");

        assertThat(send(org, "POST", "/api/v1/users/" + admin.id() + "/lifecycle/deactivate").statusCode())
                .isEqualTo(200);
        assertThat(send(org, "GET", "/api/v1/users/me").statusCode()).isEqualTo(401);

        FakeOktaOrg lenient = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN)
                .tokenOwnerDeactivationRevokesToken(false));
        lenient.addUser("admin@corp.com", UserStatus.ACTIVE);
        lenient.setTokenOwner("admin@corp.com");
        lenient.setStatus("admin@corp.com", UserStatus.DEPROVISIONED);
        assertThat(send(lenient, "GET", "/api/v1/users/me").statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GET /api/v1/users/{idOrLogin}

    @Test
    void getUserAnswersOktasUserJson() {
        FakeOktaOrg org = org();
        FakeUser user = org.addUser("jsmith@corp.com", UserStatus.ACTIVE, "John", "Smith");

        HttpResponse<String> response = send(org, "GET", "/api/v1/users/" + user.id());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode json = body(response);
        assertThat(user.id()).matches("00u[A-Za-z0-9]{17}");
        assertThat(json.path("id").asText()).isEqualTo(user.id());
        assertThat(json.path("status").asText()).isEqualTo("ACTIVE");
        for (String field : List.of("created", "activated", "statusChanged", "lastUpdated")) {
            assertThat(json.path(field).asText()).as(field).isEqualTo("2025-03-01T10:00:00.250Z");
        }
        assertThat(json.has("lastLogin")).isTrue();
        assertThat(json.has("passwordChanged")).isTrue();
        assertThat(json.path("type").path("id").asText()).startsWith("oty");
        assertThat(json.path("profile").path("login").asText()).isEqualTo("jsmith@corp.com");
        assertThat(json.path("profile").path("email").asText()).isEqualTo("jsmith@corp.com");
        assertThat(json.path("profile").path("firstName").asText()).isEqualTo("John");
        assertThat(json.path("profile").path("lastName").asText()).isEqualTo("Smith");
        assertThat(json.path("profile").path("mobilePhone").isNull()).isTrue();
        assertThat(json.path("profile").path("secondEmail").isNull()).isTrue();
        assertThat(json.path("credentials").path("provider").path("type").asText()).isEqualTo("OKTA");
        assertThat(json.path("credentials").path("provider").path("name").asText()).isEqualTo("OKTA");
        assertThat(json.path("_links").path("self").path("href").asText())
                .isEqualTo(org.orgUrl() + "/api/v1/users/" + user.id());
    }

    @Test
    void getUserResolvesIdLoginShortnameAndMe() {
        FakeOktaOrg org = org();
        FakeUser jsmith = org.addUser("JSmith@corp.com", UserStatus.ACTIVE);
        org.addUser("admin@corp.com", UserStatus.ACTIVE);
        org.addUser("twin@corp.com", UserStatus.ACTIVE);
        org.addUser("twin@other.com", UserStatus.ACTIVE);
        FakeUser plus = org.addUser("a+b@corp.com", UserStatus.ACTIVE);

        assertThat(loginOf(send(org, "GET", "/api/v1/users/" + jsmith.id()))).isEqualTo("JSmith@corp.com");
        assertThat(loginOf(send(org, "GET", "/api/v1/users/jsmith%40CORP.com"))).isEqualTo("JSmith@corp.com");
        assertThat(loginOf(send(org, "GET", "/api/v1/users/jsmith@corp.com"))).isEqualTo("JSmith@corp.com");
        assertThat(loginOf(send(org, "GET", "/api/v1/users/jSMITH"))).isEqualTo("JSmith@corp.com");
        assertThat(loginOf(send(org, "GET", "/api/v1/users/a%2Bb%40corp.com"))).isEqualTo(plus.login());
        assertThat(loginOf(send(org, "GET", "/api/v1/users/a+b@corp.com"))).isEqualTo(plus.login());

        HttpResponse<String> ambiguous = send(org, "GET", "/api/v1/users/twin");
        assertThat(ambiguous.statusCode()).isEqualTo(404);
        assertError(ambiguous, "E0000007", "Not found: Resource not found: twin (User)");

        HttpResponse<String> noOwner = send(org, "GET", "/api/v1/users/me");
        assertThat(noOwner.statusCode()).isEqualTo(404);
        assertError(noOwner, "E0000007", "Not found: Resource not found: me (User)");
        org.setTokenOwner("ADMIN@corp.com");
        assertThat(loginOf(send(org, "GET", "/api/v1/users/me"))).isEqualTo("admin@corp.com");
    }

    @Test
    void getUserOfAnUnknownUserAnswers404() {
        FakeOktaOrg org = org();

        HttpResponse<String> response = send(org, "GET", "/api/v1/users/ghost%40corp.com");

        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, "E0000007", "Not found: Resource not found: ghost@corp.com (User)");
        assertThat(body(response).path("errorLink").asText()).isEqualTo("E0000007");
        assertThat(body(response).path("errorId").asText()).startsWith("oae");
        assertThat(body(response).path("errorCauses").isArray()).isTrue();
        assertThat(body(response).path("errorCauses")).isEmpty();
    }

    @Test
    void getUserOfALoginWithASlashAnswers405() {
        FakeOktaOrg org = org();
        org.addUser("a/b@corp.com", UserStatus.ACTIVE);

        HttpResponse<String> response = send(org, "GET", "/api/v1/users/a%2fb%40corp.com");

        assertThat(response.statusCode()).isEqualTo(405);
        assertError(response, "E0000022", "The endpoint does not support the provided HTTP method");
        assertThat(org.requests()).extracting(RecordedRequest::route, RecordedRequest::rawPath)
                .containsExactly(tuple(Route.GET_USER, "/api/v1/users/a%2fb%40corp.com"));
        assertThat(send(org, "DELETE", "/api/v1/users/a%2Fb%40corp.com").statusCode()).isEqualTo(405);
        assertThat(org.status("a/b@corp.com")).contains(UserStatus.ACTIVE);
    }

    @Test
    void getUserStillReturnsADeprovisionedUser() {
        FakeOktaOrg org = org();
        org.addUser("gone@corp.com", UserStatus.DEPROVISIONED);

        HttpResponse<String> response = send(org, "GET", "/api/v1/users/gone%40corp.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("status").asText()).isEqualTo("DEPROVISIONED");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GET and POST /api/v1/users

    @Test
    void filterByLoginFindsDeprovisionedUsersCaseSensitivelyAndSearchCaseInsensitively() {
        FakeOktaOrg org = org();
        org.addUser("jsmith@corp.com", UserStatus.DEPROVISIONED);
        org.addUser("other@corp.com", UserStatus.ACTIVE);
        org.addUser("o\"dd\\name@corp.com", UserStatus.ACTIVE);

        assertThat(logins(send(org, "GET", "/api/v1/users?filter=" + encode("profile.login eq \"JSMITH@corp.com\""))))
                .isEmpty();
        assertThat(logins(send(org, "GET", "/api/v1/users?search=" + encode("profile.login eq \"JSMITH@corp.com\""))))
                .containsExactly("jsmith@corp.com");
        assertThat(logins(send(org, "GET",
                "/api/v1/users?filter=" + encode("profile.login eq \"o\\\"dd\\\\name@corp.com\""))))
                .containsExactly("o\"dd\\name@corp.com");
        assertThat(logins(send(org, "GET", "/api/v1/users?filter=" + encode("profile.login eq \"nobody@corp.com\""))))
                .isEmpty();
        assertThat(logins(send(org, "GET", "/api/v1/users?filter=" + encode("status eq \"DEPROVISIONED\""))))
                .containsExactly("jsmith@corp.com");
        assertThat(logins(send(org, "GET", "/api/v1/users?filter="
                + encode("profile.login eq \"jsmith@corp.com\" or profile.login eq \"other@corp.com\""))))
                .containsExactly("jsmith@corp.com", "other@corp.com");
        assertThat(logins(send(org, "GET", "/api/v1/users?search=" + encode("profile.login sw \"JSM\""))))
                .containsExactly("jsmith@corp.com");
    }

    @Test
    void listWithoutFilterOmitsDeprovisionedUsersAndPages() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.addUser("b@corp.com", UserStatus.DEPROVISIONED);
        org.addUser("c@corp.com", UserStatus.STAGED);
        org.addUser("d@corp.com", UserStatus.SUSPENDED);

        assertThat(logins(send(org, "GET", "/api/v1/users"))).containsExactly("a@corp.com", "c@corp.com",
                "d@corp.com");

        HttpResponse<String> first = send(org, "GET", "/api/v1/users?limit=2");
        assertThat(logins(first)).containsExactly("a@corp.com", "c@corp.com");
        String next = first.headers().allValues("Link").stream().filter(l -> l.endsWith("rel=\"next\"")).findFirst()
                .orElseThrow();
        String nextUrl = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        assertThat(nextUrl).startsWith(org.orgUrl() + "/api/v1/users?after=");
        HttpResponse<String> second = send(org, "GET", nextUrl.substring(org.orgUrl().length()));
        assertThat(logins(second)).containsExactly("d@corp.com");
        assertThat(second.headers().allValues("Link")).noneMatch(l -> l.endsWith("rel=\"next\""));
    }

    @Test
    void anUnsupportedFilterAnswers400() {
        FakeOktaOrg org = org();

        for (String filter : List.of("profile.login ne \"x\"", "profile.city eq \"x\"", "profile.login eq x",
                "profile.login eq \"x", "profile.login sw \"x\"")) {
            HttpResponse<String> response = send(org, "GET", "/api/v1/users?filter=" + encode(filter));
            assertThat(response.statusCode()).as(filter).isEqualTo(400);
            assertError(response, "E0000031", "Invalid search criteria.");
        }
    }

    @Test
    void createUserActivatesUnlessToldNotTo() {
        FakeOktaOrg org = org();
        String body = "{\"profile\":{\"login\":\"new@corp.com\",\"email\":\"new@corp.com\","
                + "\"firstName\":\"New\",\"lastName\":\"User\"}}";

        HttpResponse<String> created = send(org, "POST", "/api/v1/users", "SSWS " + TOKEN, body);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(body(created).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body(created).path("id").asText()).matches("00u[A-Za-z0-9]{17}");
        assertThat(org.user("new@corp.com")).map(FakeUser::firstName).contains("New");

        HttpResponse<String> staged = send(org, "POST", "/api/v1/users?activate=false", "SSWS " + TOKEN,
                body.replace("new@", "staged@"));
        assertThat(body(staged).path("status").asText()).isEqualTo("STAGED");
        assertThat(body(staged).path("activated").isNull()).isTrue();

        HttpResponse<String> duplicate = send(org, "POST", "/api/v1/users", "SSWS " + TOKEN,
                body.replace("new@", "NEW@"));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertError(duplicate, "E0000001", "Api validation failed: login");
        assertThat(org.requestCount(Route.CREATE_USER, 200)).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Deactivate and delete

    @Test
    void deleteDeactivatesFirstThenDeletes() {
        FakeOktaOrg org = org();
        FakeUser user = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
        clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> first = send(org, "DELETE", "/api/v1/users/" + user.id());
        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(first.body()).isEmpty();
        assertThat(org.user(user.id())).hasValueSatisfying(u -> {
            assertThat(u.status()).isEqualTo(UserStatus.DEPROVISIONED);
            assertThat(u.statusChanged()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        });
        assertThat(org.deletedLogins()).isEmpty();

        HttpResponse<String> second = send(org, "DELETE", "/api/v1/users/jsmith%40corp.com");
        assertThat(second.statusCode()).isEqualTo(204);
        assertThat(org.user("jsmith@corp.com")).isEmpty();
        assertThat(org.status(user.id())).isEmpty();
        assertThat(org.users()).isEmpty();
        assertThat(org.deletedLogins()).containsExactly("jsmith@corp.com");

        HttpResponse<String> third = send(org, "DELETE", "/api/v1/users/" + user.id());
        assertThat(third.statusCode()).isEqualTo(404);
        assertError(third, "E0000007", "Not found: Resource not found: " + user.id() + " (User)");
        assertThat(send(org, "GET", "/api/v1/users/" + user.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void deactivateAnswers200EmptyThen404OnADeprovisionedUser() {
        FakeOktaOrg org = org();
        org.addUser("jsmith@corp.com", UserStatus.LOCKED_OUT);

        HttpResponse<String> first = send(org, "POST", "/api/v1/users/jsmith%40corp.com/lifecycle/deactivate"
                + "?sendEmail=false");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEmpty();
        assertThat(org.status("jsmith@corp.com")).contains(UserStatus.DEPROVISIONED);

        HttpResponse<String> again = send(org, "POST", "/api/v1/users/jsmith%40corp.com/lifecycle/deactivate");
        assertThat(again.statusCode()).isEqualTo(404);
        assertError(again, "E0000007", "Not found: Resource not found: jsmith@corp.com (User)");
        assertThat(send(org, "POST", "/api/v1/users/ghost/lifecycle/deactivate").statusCode()).isEqualTo(404);

        FakeOktaOrg lenient = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN)
                .deactivateOfDeprovisionedAnswers404(false));
        lenient.addUser("gone@corp.com", UserStatus.DEPROVISIONED);
        assertThat(send(lenient, "POST", "/api/v1/users/gone%40corp.com/lifecycle/deactivate").statusCode())
                .isEqualTo(200);
    }

    @Test
    void changesBySomeoneElseShowThroughTheApi() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.addUser("b@corp.com", UserStatus.ACTIVE);

        org.setStatus("A@corp.com", UserStatus.SUSPENDED);
        assertThat(body(send(org, "GET", "/api/v1/users/a%40corp.com")).path("status").asText())
                .isEqualTo("SUSPENDED");
        assertThat(org.remove("b@corp.com")).isTrue();
        assertThat(org.remove("b@corp.com")).isFalse();
        assertThat(send(org, "DELETE", "/api/v1/users/b%40corp.com").statusCode()).isEqualTo(404);
        assertThat(org.deletedLogins()).isEmpty();
        assertThat(org.users()).extracting(FakeUser::login).containsExactly("a@corp.com");
    }

    @Test
    void otherPathsAnswer404AndOtherMethods405() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);

        HttpResponse<String> unknown = send(org, "GET", "/api/v1/apps");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).path("errorCode").asText()).isEqualTo("E0000007");
        assertThat(unknown.headers().firstValue("X-Rate-Limit-Limit")).contains("1200");

        HttpResponse<String> put = send(org, "PUT", "/api/v1/users/a%40corp.com", "SSWS " + TOKEN, "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertError(put, "E0000022", "The endpoint does not support the provided HTTP method");
        assertThat(org.requestCount(Route.OTHER)).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rate limits and concurrency

    @Test
    void everyResponseCarriesRateLimitHeadersAndTheClocksDate() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimit(Route.GET_USER, 1));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DELETE_USER, 1, Fault.status(503));
        List<HttpResponse<String>> responses = List.of(
                send(org, "GET", "/api/v1/users/a%40corp.com"),                    // 200
                send(org, "GET", "/api/v1/users/a%40corp.com"),                    // 429
                send(org, "GET", "/api/v1/users", null, null),                     // 401
                send(org, "DELETE", "/api/v1/users/a%40corp.com"),                 // 503 fault
                send(org, "DELETE", "/api/v1/users/a%40corp.com"),                 // 204
                send(org, "POST", "/api/v1/users/a%40corp.com/lifecycle/deactivate"), // 404
                send(org, "GET", "/nowhere"));                                     // 404

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 429, 401, 503, 204, 404, 404);
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().allValues("X-Rate-Limit-Limit")).hasSize(1);
            assertThat(response.headers().allValues("X-Rate-Limit-Remaining")).hasSize(1);
            assertThat(response.headers().allValues("X-Rate-Limit-Reset")).containsExactly(Long.toString(START_RESET));
            assertThat(response.headers().allValues("Date")).containsExactly(START_DATE_HEADER);
        }
        clock.advance(Duration.ofDays(1));
        assertThat(send(org, "GET", "/api/v1/users/a%40corp.com").headers().firstValue("Date"))
                .contains("Sun, 02 Mar 2025 10:00:00 GMT");
    }

    @Test
    void pastTheLimitA429UntilTheClockPassesTheWindow() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimit(Route.GET_USER, 2));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        String path = "/api/v1/users/a%40corp.com";

        HttpResponse<String> first = send(org, "GET", path);
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> second = send(org, "GET", path);
        HttpResponse<String> third = send(org, "GET", path);
        HttpResponse<String> fourth = send(org, "GET", path);

        assertThat(remaining(first)).isEqualTo(1);
        assertThat(remaining(second)).isZero();
        assertThat(third.statusCode()).isEqualTo(429);
        assertError(third, "E0000047", "API call exceeded rate limit due to too many requests.");
        assertThat(third.headers().firstValue("X-Rate-Limit-Limit")).contains("2");
        assertThat(remaining(third)).isZero();
        assertThat(reset(third)).isEqualTo(START_RESET);
        assertThat(fourth.statusCode()).isEqualTo(429);

        clock.set(START.plusSeconds(60)); // the window ends at START + 60 s
        HttpResponse<String> afterWindow = send(org, "GET", path);
        assertThat(afterWindow.statusCode()).isEqualTo(200);
        assertThat(remaining(afterWindow)).isEqualTo(1); // the 429s cost nothing
        assertThat(reset(afterWindow)).isEqualTo(START.plusSeconds(120).getEpochSecond() + 1);
        assertThat(org.requestCount(Route.GET_USER, 429)).isEqualTo(2);
    }

    @Test
    void deactivateAndDeleteShareABucketByDefault() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimit(Route.DELETE_USER, 2));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.addUser("b@corp.com", UserStatus.ACTIVE);

        assertThat(send(org, "POST", "/api/v1/users/a%40corp.com/lifecycle/deactivate").statusCode()).isEqualTo(200);
        assertThat(send(org, "DELETE", "/api/v1/users/a%40corp.com").statusCode()).isEqualTo(204);
        assertThat(send(org, "DELETE", "/api/v1/users/b%40corp.com").statusCode()).isEqualTo(429);
        assertThat(send(org, "GET", "/api/v1/users/b%40corp.com").statusCode()).isEqualTo(200); // another bucket
        assertThat(org.status("b@corp.com")).contains(UserStatus.ACTIVE);
    }

    @Test
    void theIntegratorFreePresetGroupsRoutesIntoThreeBucketsOf100() {
        RateLimits limits = RateLimits.integratorFree();
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimits(limits));

        assertThat(org.bucketName(Route.GET_USER)).isEqualTo(org.bucketName(Route.LIST_USERS));
        assertThat(org.bucketName(Route.DEACTIVATE_USER)).isEqualTo(org.bucketName(Route.DELETE_USER));
        assertThat(org.bucketName(Route.OTHER)).isNotIn(org.bucketName(Route.GET_USER),
                org.bucketName(Route.DELETE_USER));
        assertThat(Route.values()).allSatisfy(r -> assertThat(org.rateLimit(r)).isEqualTo(100));
        assertThat(limits.concurrencyLimit()).isEqualTo(35);
        assertThat(limits.latency()).isEqualTo(Duration.ofMillis(100));
        assertThat(limits.ceilingUsersPerWindow(Map.of(Route.GET_USER, 2.0, Route.DEACTIVATE_USER, 0.8,
                Route.DELETE_USER, 1.0))).as("the lookup bucket binds: 100 / 2").isEqualTo(50.0);
    }

    @Test
    void theWorkforceAndLargeOrgPresetsHaveABucketPerWriteRoute() {
        RateLimits workforce = RateLimits.workforceTokenShare();
        RateLimits large = RateLimits.largeOrg().scaled(4);

        assertThat(List.of(workforce.limit(Route.GET_USER), workforce.limit(Route.DELETE_USER),
                workforce.limit(Route.DEACTIVATE_USER), workforce.limit(Route.OTHER))).containsExactly(1000, 300, 600,
                600);
        assertThat(List.of(large.limit(Route.GET_USER), large.limit(Route.DELETE_USER),
                large.limit(Route.DEACTIVATE_USER), large.limit(Route.OTHER))).containsExactly(4000, 1200, 1200, 1200);
        assertThat(large.bucketOf(Route.DEACTIVATE_USER)).isNotEqualTo(large.bucketOf(Route.DELETE_USER));
        assertThat(large.window()).as("scaled 1:4").isEqualTo(Duration.ofSeconds(15));
        assertThat(large.latency()).isEqualTo(Duration.ofMillis(100));
        assertThat(workforce.ceilingUsersPerWindow(Map.of(Route.GET_USER, 2.0, Route.DEACTIVATE_USER, 0.8,
                Route.DELETE_USER, 1.0))).as("DELETE binds: 300 / 1").isEqualTo(300.0);
    }

    @Test
    void aHiddenTokenShareAnswers429sWhoseHeadersStillShowBudget() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimits(RateLimits.builder()
                .bucket("GET /api/v1/users/{idOrLogin}", 4, Route.GET_USER).hiddenTokenShare(0.5).build()));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        String path = "/api/v1/users/a%40corp.com";

        List<HttpResponse<String>> answers = List.of(send(org, "GET", path), send(org, "GET", path),
                send(org, "GET", path));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 429);
        assertThat(answers.get(2).headers().firstValue("X-Rate-Limit-Limit")).contains("4");
        assertThat(remaining(answers.get(2))).as("the headers show the bucket, not the token's share").isEqualTo(2);
    }

    @Test
    void otherClientsSpendPartOfEachWindowAndTheHeadersShowIt() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimits(RateLimits.builder()
                .bucket("GET /api/v1/users/{idOrLogin}", 10, Route.GET_USER).otherClients(Route.GET_USER, 6)
                .build()));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        String path = "/api/v1/users/a%40corp.com";

        HttpResponse<String> first = send(org, "GET", path);
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> half = send(org, "GET", path);

        assertThat(remaining(first)).isEqualTo(9);
        assertThat(remaining(half)).as("ours 2, theirs 3 by the middle of the window").isEqualTo(5);
    }

    @Test
    void withAMutableClockTheLatencyMovesTheClockInsteadOfWaiting() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).latency(Duration.ofSeconds(5)));
        org.addUser("a@corp.com", UserStatus.ACTIVE);

        long started = System.nanoTime();
        send(org, "GET", "/api/v1/users/a%40corp.com");

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void addUsersSetsAShareAlreadyDeprovisioned() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN));

        List<String> logins = org.addUsers("user", 10, 0.2);

        assertThat(logins).hasSize(10).startsWith("user0@corp.example");
        assertThat(logins).filteredOn(l -> org.status(l).orElseThrow() == UserStatus.DEPROVISIONED)
                .containsExactly("user4@corp.example", "user9@corp.example");
    }

    @Test
    void tooManyRequestsInFlightGetAConcurrency429() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).concurrencyLimit(1));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        // holds the first request on the server until the org closes; the test itself never sleeps
        org.failNext(Route.GET_USER, 1, Fault.delay(Duration.ofMinutes(5)));
        CompletableFuture<HttpResponse<String>> held =
                http.sendAsync(request(org, "GET", "/api/v1/users/a%40corp.com", "SSWS " + TOKEN, null),
                        HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (org.maxConcurrentRequests() < 1) {
            if (System.nanoTime() > deadline) {
                fail("the first request never reached the org");
            }
            Thread.onSpinWait();
        }

        HttpResponse<String> second = send(org, "GET", "/api/v1/users/a%40corp.com");

        assertThat(second.statusCode()).isEqualTo(429);
        assertError(second, "E0000047", "API call exceeded rate limit due to too many requests.");
        assertThat(second.headers().firstValue("X-Rate-Limit-Limit")).contains("0");
        assertThat(remaining(second)).isZero();
        assertThat(reset(second)).isEqualTo(START_RESET);
        assertThat(held).isNotDone();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Faults

    @Test
    void statusFaultAnswersAnOktaErrorWithoutHandlingTheRequest() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimit(Route.DELETE_USER, 5));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DELETE_USER, 2, Fault.status(503));
        org.failNext(Route.DELETE_USER, 1, Fault.status(403, "E0000038", "This operation is not allowed."));

        HttpResponse<String> first = send(org, "DELETE", "/api/v1/users/a%40corp.com");
        HttpResponse<String> second = send(org, "DELETE", "/api/v1/users/a%40corp.com");
        HttpResponse<String> third = send(org, "DELETE", "/api/v1/users/a%40corp.com");
        HttpResponse<String> fourth = send(org, "DELETE", "/api/v1/users/a%40corp.com");

        assertThat(first.statusCode()).isEqualTo(503);
        assertError(first, "E0000009", "Internal Server Error");
        assertThat(remaining(first)).isEqualTo(5); // faults cost no budget
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(403);
        assertError(third, "E0000038", "This operation is not allowed.");
        assertThat(fourth.statusCode()).isEqualTo(204);
        assertThat(remaining(fourth)).isEqualTo(4);
        assertThat(org.status("a@corp.com")).contains(UserStatus.DEPROVISIONED);
        assertThat(org.requestCount(Route.DELETE_USER, 503)).isEqualTo(2);
        assertThat(org.requestCount(Route.DELETE_USER, 403)).isEqualTo(1);
        assertThat(org.requestCount(Route.DELETE_USER, 204)).isEqualTo(1);
    }

    @Test
    void statusFaultPicksOktasErrorCodeForTheStatus() {
        FakeOktaOrg org = org();
        Map<Integer, String> expected = Map.of(500, "E0000009", 502, "E0000009", 504, "E0000009", 403, "E0000006",
                404, "E0000007", 401, "E0000011", 429, "E0000047");
        expected.forEach((status, code) -> {
            org.failNext(null, 1, Fault.status(status));
            HttpResponse<String> response = send(org, "GET", "/api/v1/users");
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(body(response).path("errorCode").asText()).as("status " + status).isEqualTo(code);
        });
    }

    @Test
    void dropConnectionClosesWithoutAResponse() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.dropConnection());

        HttpRequest request = request(org, "POST", "/api/v1/users/a%40corp.com/lifecycle/deactivate",
                "SSWS " + TOKEN, null);
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        assertThat(org.status("a@corp.com")).contains(UserStatus.ACTIVE);
        assertThat(org.requestCount(Route.DEACTIVATE_USER, 0)).isEqualTo(1);
        assertThat(send(org, "POST", "/api/v1/users/a%40corp.com/lifecycle/deactivate").statusCode())
                .isEqualTo(200);
    }

    @Test
    void afterChangeMakesTheChangeThenAnswersTheError() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.DEPROVISIONED);
        org.addUser("b@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503));
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.afterChange(504));

        HttpResponse<String> delete = send(org, "DELETE", "/api/v1/users/a%40corp.com");
        HttpResponse<String> deactivate = send(org, "POST", "/api/v1/users/b%40corp.com/lifecycle/deactivate");

        assertThat(delete.statusCode()).isEqualTo(503);
        assertError(delete, "E0000009", "Internal Server Error");
        assertThat(org.deletedLogins()).containsExactly("a@corp.com");
        assertThat(deactivate.statusCode()).isEqualTo(504);
        assertThat(org.status("b@corp.com")).contains(UserStatus.DEPROVISIONED);
        assertThat(remaining(delete)).isEqualTo(599); // the change counted against the bucket
        assertThat(remaining(deactivate)).isEqualTo(598);
    }

    @Test
    void rateLimitedFaultAnswersA429WithTheGivenReset() {
        FakeOktaOrg org = start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN).rateLimit(Route.DELETE_USER, 50));
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(-10)));

        HttpResponse<String> response = send(org, "DELETE", "/api/v1/users/a%40corp.com");
        HttpResponse<String> past = send(org, "DELETE", "/api/v1/users/a%40corp.com");

        assertThat(response.statusCode()).isEqualTo(429);
        assertError(response, "E0000047", "API call exceeded rate limit due to too many requests.");
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).contains("50");
        assertThat(remaining(response)).isZero();
        assertThat(reset(response)).isEqualTo(START.plusSeconds(30).getEpochSecond() + 1);
        assertThat(reset(past)).isEqualTo(START.minusSeconds(10).getEpochSecond() + 1);
        assertThat(org.status("a@corp.com")).contains(UserStatus.ACTIVE);
    }

    @Test
    void concurrencyLimitedFaultAnswersLimit0Remaining0() {
        FakeOktaOrg org = org();
        org.failNext(null, 1, Fault.concurrencyLimited());

        HttpResponse<String> response = send(org, "GET", "/api/v1/users");

        assertThat(response.statusCode()).isEqualTo(429);
        assertError(response, "E0000047", "API call exceeded rate limit due to too many requests.");
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).contains("0");
        assertThat(remaining(response)).isZero();
        assertThat(reset(response)).isEqualTo(START_RESET);
    }

    @Test
    void headersFaultReplacesTheRateLimitHeaders() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        Map<String, List<String>> odd = new LinkedHashMap<>();
        odd.put("x-rate-limit-limit", List.of("600"));
        odd.put("X-Rate-Limit-Reset", List.of("garbage", "1740823300"));
        org.failNext(Route.GET_USER, 1, Fault.headers(odd));

        HttpResponse<String> response = send(org, "GET", "/api/v1/users/a%40corp.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(loginOf(response)).isEqualTo("a@corp.com");
        assertThat(response.headers().allValues("X-Rate-Limit-Limit")).containsExactly("600");
        assertThat(response.headers().allValues("X-Rate-Limit-Reset")).containsExactly("garbage", "1740823300");
        assertThat(response.headers().allValues("X-Rate-Limit-Remaining")).isEmpty();
        assertThat(response.headers().firstValue("Date")).contains(START_DATE_HEADER);
    }

    @Test
    void delayFaultOutlastsAClientTimeout() {
        FakeOktaOrg org = org();
        org.failNext(Route.LIST_USERS, 1, Fault.delay(Duration.ofMinutes(5)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(org.orgUrl() + "/api/v1/users"))
                .header("Authorization", "SSWS " + TOKEN)
                .timeout(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void failNextWithoutARouteHitsAnyRouteInOrder() {
        FakeOktaOrg org = org();
        org.failNext(null, 1, Fault.status(500));
        org.failNext(Route.GET_USER, 1, Fault.status(502));

        assertThat(send(org, "GET", "/api/v1/users/x").statusCode()).isEqualTo(500);
        assertThat(send(org, "GET", "/api/v1/users").statusCode()).isEqualTo(200);
        assertThat(send(org, "GET", "/api/v1/users/x").statusCode()).isEqualTo(502);
        assertThat(send(org, "GET", "/api/v1/users/x").statusCode()).isEqualTo(404);
        org.failNext(null, 5, Fault.status(500));
        org.clearFaults();
        assertThat(send(org, "GET", "/api/v1/users/x").statusCode()).isEqualTo(404);
    }

    @Test
    void failRandomlyIsReproducibleWithASeed() {
        FakeOktaOrg first = org();
        FakeOktaOrg second = org();
        first.failRandomly(Route.LIST_USERS, 0.5, 42L, Fault.status(503));
        second.failRandomly(Route.LIST_USERS, 0.5, 42L, Fault.status(503));

        List<Integer> firstStatuses = new ArrayList<>();
        List<Integer> secondStatuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firstStatuses.add(send(first, "GET", "/api/v1/users").statusCode());
            secondStatuses.add(send(second, "GET", "/api/v1/users").statusCode());
        }

        assertThat(firstStatuses).isEqualTo(secondStatuses).contains(200, 503);
        FakeOktaOrg always = org();
        always.failRandomly(null, 1.0, 7L, Fault.status(500));
        assertThat(send(always, "GET", "/api/v1/users/x").statusCode()).isEqualTo(500);
        assertThat(send(always, "DELETE", "/api/v1/users/x").statusCode()).isEqualTo(500);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Counts

    @Test
    void countsByRouteAndStatusAndRecordsRawRequests() {
        FakeOktaOrg org = org();
        org.addUser("a@corp.com", UserStatus.ACTIVE);
        send(org, "GET", "/api/v1/users/a%40corp.com");
        send(org, "GET", "/api/v1/users/b%40corp.com");
        send(org, "GET", "/api/v1/users?filter=" + encode("profile.login eq \"a@corp.com\""));
        send(org, "DELETE", "/api/v1/users/a%40corp.com");
        send(org, "DELETE", "/api/v1/users/a%40corp.com", null, null);

        assertThat(org.requestCount()).isEqualTo(5);
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(2);
        assertThat(org.requestCount(Route.GET_USER, 200)).isEqualTo(1);
        assertThat(org.requestCount(Route.GET_USER, 404)).isEqualTo(1);
        assertThat(org.requestCount(Route.LIST_USERS)).isEqualTo(1);
        assertThat(org.requestCount(Route.DELETE_USER, 204)).isEqualTo(1);
        assertThat(org.requestCount(Route.DELETE_USER, 401)).isEqualTo(1);
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isZero();
        assertThat(org.requests())
                .extracting(RecordedRequest::method, RecordedRequest::rawPath, RecordedRequest::rawQuery,
                        RecordedRequest::route, RecordedRequest::status, RecordedRequest::authorized)
                .containsExactly(
                        tuple("GET", "/api/v1/users/a%40corp.com", null, Route.GET_USER, 200, true),
                        tuple("GET", "/api/v1/users/b%40corp.com", null, Route.GET_USER, 404, true),
                        tuple("GET", "/api/v1/users", "filter=profile.login%20eq%20%22a%40corp.com%22",
                                Route.LIST_USERS, 200, true),
                        tuple("DELETE", "/api/v1/users/a%40corp.com", null, Route.DELETE_USER, 204, true),
                        tuple("DELETE", "/api/v1/users/a%40corp.com", null, Route.DELETE_USER, 401, false));
        assertThat(org.requests()).extracting(RecordedRequest::receivedAt).containsOnly(START);
        assertThat(org.maxConcurrentRequests()).isEqualTo(1);

        org.resetCounts();
        assertThat(org.requestCount()).isZero();
        assertThat(org.requests()).isEmpty();
        assertThat(org.status("a@corp.com")).contains(UserStatus.DEPROVISIONED);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // MutableClock

    @Nested
    class MutableClockTest {

        @Test
        void advancesAndSetsWithoutRealTime() {
            MutableClock c = MutableClock.at(START);
            assertThat(c.instant()).isEqualTo(START);
            assertThat(c.advance(Duration.ofSeconds(61))).isEqualTo(START.plusSeconds(61));
            assertThat(c.millis()).isEqualTo(START.plusSeconds(61).toEpochMilli());
            c.set(START.minusSeconds(5));
            assertThat(c.instant()).isEqualTo(START.minusSeconds(5));
            assertThat(c.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
        }

        @Test
        void aZonedCopySharesTheInstant() {
            MutableClock c = MutableClock.at(START);
            MutableClock paris = c.withZone(ZoneId.of("Europe/Paris"));
            c.advance(Duration.ofMinutes(1));
            assertThat(paris.instant()).isEqualTo(START.plusSeconds(60));
            assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private FakeOktaOrg org() {
        return start(FakeOktaOrg.builder().clock(clock).apiToken(TOKEN));
    }

    private FakeOktaOrg start(FakeOktaOrg.Builder builder) {
        FakeOktaOrg org = builder.start();
        orgs.add(org);
        return org;
    }

    private HttpResponse<String> send(FakeOktaOrg org, String method, String pathAndQuery) {
        return send(org, method, pathAndQuery, "SSWS " + TOKEN, null);
    }

    private HttpResponse<String> send(FakeOktaOrg org, String method, String pathAndQuery, String authorization,
            String body) {
        try {
            return http.send(request(org, method, pathAndQuery, authorization, body),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(FakeOktaOrg org, String method, String pathAndQuery, String authorization,
            String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(org.orgUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertError(HttpResponse<String> response, String errorCode, String errorSummary) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = body(response);
        assertThat(body.path("errorCode").asText()).isEqualTo(errorCode);
        assertThat(body.path("errorSummary").asText()).isEqualTo(errorSummary);
        assertThat(body.path("errorLink").isTextual()).isTrue();
        assertThat(body.path("errorId").asText()).matches("oae[A-Za-z0-9]{22}");
        assertThat(body.path("errorCauses").isArray()).isTrue();
    }

    private static String loginOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response).path("profile").path("login").asText();
    }

    private static List<String> logins(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> logins = new ArrayList<>();
        body(response).forEach(user -> logins.add(user.path("profile").path("login").asText()));
        return logins;
    }

    private static long remaining(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
    }

    private static long reset(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Okta's support-article recipe, as Postman's collection runner does it: one request at a time, a deactivate of
 * every login, then a delete of every login, by login, with a fixed delay between calls and no retry.
 */
final class PostmanRecipe implements Variant {

    /** The guessed delay between calls, in Okta time. */
    static final Duration DELAY = Duration.ofMillis(500);

    @Override
    public String name() {
        return "postman-recipe (sequential, " + DELAY.toMillis() + " ms delay)";
    }

    @Override
    public int users(Scenario scenario, int fullRun) {
        return scenario.postmanUsers();
    }

    @Override
    public Run run(FakeOktaOrg org, List<String> logins, int scale, Path work) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long delayMillis = DELAY.toMillis() / scale;
        long start = System.nanoTime();
        Set<String> failed = new HashSet<>();
        for (String step : List.of("deactivate", "delete")) {
            for (String login : logins) {
                String path = "/api/v1/users/" + URLEncoder.encode(login, StandardCharsets.UTF_8);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(org.orgUrl()
                        + (step.equals("deactivate") ? path + "/lifecycle/deactivate" : path)))
                        .header("Authorization", "SSWS " + org.apiToken())
                        .header("Accept", "application/json").header("Content-Type", "application/json");
                request = step.equals("deactivate") ? request.POST(HttpRequest.BodyPublishers.noBody())
                        : request.DELETE();
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 300) {
                    failed.add(login);
                }
                Thread.sleep(delayMillis); // the recipe's fixed delay is the point of this baseline
            }
        }
        return new Run((System.nanoTime() - start) / 1e9, Double.NaN, failed.size(),
                failed.isEmpty() ? "" : failed.size() + " logins had an answer >= 300 to a deactivate or DELETE");
    }
}

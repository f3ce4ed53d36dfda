package io.github.oktabulkdelete.examples.benchmark;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/**
 * A plain SDK {@code ApiClient} whose HTTP client answers in memory, without a socket: every login exists and is
 * active, and {@code me} is not found. The SDK still builds every request and parses every response, so a
 * million-login dry run measures the library and the SDK, not a server.
 */
final class InMemoryOkta {

    private InMemoryOkta() {
    }

    static ApiClient apiClient() {
        ApiClient client = new ApiClient(HttpClients.custom()
                .addExecInterceptorFirst("in-memory-okta", (request, scope, chain) -> answer(request.getPath()))
                .build(), Caches.newDisabledCacheManager());
        client.setBasePath("https://in-memory.okta.example");
        client.setApiKeyPrefix("SSWS");
        client.setApiKey("in-memory");
        return client;
    }

    private static ClassicHttpResponse answer(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int query = last.indexOf('?');
        String login = URLDecoder.decode(query < 0 ? last : last.substring(0, query), StandardCharsets.UTF_8);
        BasicClassicHttpResponse response;
        if (login.equals("me")) {
            response = new BasicClassicHttpResponse(404);
            response.setEntity(new StringEntity("{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found\"}",
                    ContentType.APPLICATION_JSON));
        } else {
            response = new BasicClassicHttpResponse(200);
            response.setEntity(new StringEntity("{\"id\":\"00u" + Integer.toHexString(login.hashCode())
                    + "\",\"status\":\"ACTIVE\",\"profile\":{\"login\":\"" + login + "\"}}",
                    ContentType.APPLICATION_JSON));
        }
        return response;
    }
}

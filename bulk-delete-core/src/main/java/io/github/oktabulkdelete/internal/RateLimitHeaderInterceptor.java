package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/** Captures the {@code X-Rate-Limit-*} headers of every response, successes included, which the SDK drops. */
final class RateLimitHeaderInterceptor implements HttpResponseInterceptor {

    private final RateLimitCapture capture;

    RateLimitHeaderInterceptor(RateLimitCapture capture) {
        this.capture = capture;
    }

    @Override
    public void process(HttpResponse response, EntityDetails entity, HttpContext context) {
        try {
            HttpRequest request = HttpCoreContext.adapt(context).getRequest();
            String bucket = request == null ? "?" : RateLimitHeaders.bucketOf(request.getMethod(), request.getPath());
            RateLimitStatus status = RateLimitHeaders.parse(bucket, response.getCode(), name -> values(response, name));
            if (status != null) {
                capture.record(status);
            }
        } catch (RuntimeException garbage) {
            // headers we cannot read must never break the call they came with: treat them as absent
        }
    }

    private static List<String> values(HttpResponse response, String name) {
        Header[] headers = response.getHeaders(name);
        List<String> values = new ArrayList<>(headers.length);
        for (Header header : headers) {
            values.add(header.getValue());
        }
        return values;
    }
}

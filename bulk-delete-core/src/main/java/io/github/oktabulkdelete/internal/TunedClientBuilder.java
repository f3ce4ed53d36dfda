package io.github.oktabulkdelete.internal;

import com.okta.sdk.impl.client.DefaultClientBuilder;
import com.okta.sdk.impl.config.ClientConfiguration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * The SDK's client builder with a connection pool of a chosen size (the SDK's is 5 per host, which silently caps
 * concurrency) and the rate-limit header interceptor. Its constructor reads the SDK's usual configuration sources.
 */
final class TunedClientBuilder extends DefaultClientBuilder {

    private final int poolSize;
    private final RateLimitCapture capture;

    TunedClientBuilder(int poolSize, RateLimitCapture capture) {
        this.poolSize = poolSize;
        this.capture = capture;
    }

    @Override
    protected HttpClientBuilder createHttpClientBuilder(ClientConfiguration clientConfig) {
        return super.createHttpClientBuilder(clientConfig)
                .addResponseInterceptorLast(new RateLimitHeaderInterceptor(capture));
    }

    @Override
    protected PoolingHttpClientConnectionManagerBuilder createHttpClientConnectionManagerBuilder(
            ClientConfiguration clientConfig) {
        return super.createHttpClientConnectionManagerBuilder(clientConfig)
                .setMaxConnPerRoute(poolSize)
                .setMaxConnTotal(poolSize);
    }
}

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: without it on the classpath, a deleter loads, runs batches (also in the
 * background) and reports as today. The batch runs in a class loader over the test classpath less Micrometer's
 * jars (and resilience4j-micrometer's), with the platform class loader as parent, so that no class of this
 * JVM's application class loader leaks in.
 */
class NoMicrometerTest {

    private static final List<String> MICROMETER_JARS = List.of("micrometer-", "resilience4j-micrometer",
            "HdrHistogram", "LatencyUtils");

    @Test
    void aBatchRunsWithoutMicrometerOnTheClasspath() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classpath = System.getProperty("java.class.path");
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (MICROMETER_JARS.stream().noneMatch(name::startsWith)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(urls).as("the test classpath, less Micrometer").hasSizeLessThan(classpath.split(File.pathSeparator).length);

        try (URLClassLoader withoutMicrometer = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = withoutMicrometer.loadClass(NoMicrometerProbe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(withoutMicrometer);
            // BulkUserDeleter and its Builder (which has meterRegistry(MeterRegistry)) load, link and run
            Class.forName(BulkUserDeleter.Builder.class.getName(), true, withoutMicrometer);

            // the SDK loads some of its classes through the context class loader, as in an application server
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            Object outcome;
            thread.setContextClassLoader(withoutMicrometer);
            try {
                outcome = probe.getMethod("run").invoke(null);
            } finally {
                thread.setContextClassLoader(context);
            }

            assertThat(outcome).isEqualTo("DELETED,NOT_FOUND|2|DELETED");
        }
    }
}

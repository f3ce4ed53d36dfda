package io.github.oktabulkdelete.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * The version of {@code okta-bulk-delete} ({@code --version}), from the jar's manifest.
 *
 * <p>Stateless; thread-safe.
 *
 * <pre>{@code
 * String version = VersionProvider.implementationVersion();   // null in a development build
 * }</pre>
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    /** @return the version in the jar's manifest, or {@code null} in a development build */
    static String implementationVersion() {
        return VersionProvider.class.getPackage().getImplementationVersion();
    }

    @Override
    public String[] getVersion() {
        String version = implementationVersion();
        return new String[] {"okta-bulk-delete " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name", "")
                    .toLowerCase(Locale.ROOT)};
    }
}

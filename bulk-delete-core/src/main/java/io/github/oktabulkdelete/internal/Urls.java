package io.github.oktabulkdelete.internal;

/**
 * Makes a URL safe to show: without the user info ({@code user:password@}), the query and the fragment, where
 * credentials ride when someone puts them in a URL. Refuses nothing: text that is not a URL comes back with the same
 * parts removed as far as they can be recognised.
 */
public final class Urls {

    private Urls() {
    }

    /**
     * The URL without user info, query or fragment, and without a trailing slash.
     *
     * @param url any text, may be {@code null}
     * @return for example {@code https://corp.okta.com} for {@code https://admin:secret@corp.okta.com/?token=x}, or
     *     {@code null} for {@code null}
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int cut = indexOfAny(s, '?', '#');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int scheme = s.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        // the last '@' of all, not only of the authority: a password may hold a '/' it should have escaped
        int at = s.lastIndexOf('@');
        if (at >= authorityStart) {
            s = s.substring(0, authorityStart) + s.substring(at + 1);
        }
        while (s.endsWith("/") && s.length() > authorityStart + 1) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}

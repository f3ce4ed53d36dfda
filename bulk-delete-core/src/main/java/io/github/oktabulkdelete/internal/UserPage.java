package io.github.oktabulkdelete.internal;

import java.util.List;

/**
 * One page of users as Okta listed it.
 *
 * @param users the users of the page, in Okta's order
 * @param next the {@code after} cursor of the {@code Link rel="next"} page, or {@code null} on the last page
 */
public record UserPage(List<FoundUser> users, String next) {
    public UserPage {
        users = List.copyOf(users);
    }
}

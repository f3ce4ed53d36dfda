package io.github.oktabulkdelete.internal;

import java.util.Objects;

/** A group as Okta listed it: its id, {@code profile.name} and type ({@code OKTA_GROUP}, {@code APP_GROUP}, ...). */
public record FoundGroup(String id, String name, String type) {
    public FoundGroup {
        Objects.requireNonNull(id, "id");
    }
}

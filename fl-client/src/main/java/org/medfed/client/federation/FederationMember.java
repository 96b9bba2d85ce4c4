package org.medfed.client.federation;

import java.util.Objects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.model.Role;

/**
 * One organisation's node in a local federation: its role, the identity its node trains as (a user, registered as
 * the participant), its admin, and the id its dataset is registered under.
 */
public record FederationMember(String org, Role role, ConnectionProfile user, ConnectionProfile admin,
        String datasetId) {

    public FederationMember {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(datasetId, "datasetId");
    }

    /** A short lower-case name for files: {@code hospital}, {@code clinic}, {@code wearable}. */
    public String slug() {
        return org.toLowerCase(java.util.Locale.ROOT);
    }
}

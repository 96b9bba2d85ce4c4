package org.medfed.client.federation;

import java.util.Objects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.model.Role;

/**
 * One organisation's node in a local federation: its role, the identity its node trains as (a user, registered as
 * the participant), its admin, and the id its dataset is registered under.
 */
public record FederationMember(
        String org, Role role, ConnectionProfile user, ConnectionProfile admin, String datasetId) {

    public FederationMember {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(datasetId, "datasetId");
    }

    /**
     * The local network's three organisations as network/network.sh sets them up: Hospital (hospital), Clinic (clinic)
     * and Wearable (wearable gateway), each with its {@code <org>-user1} and {@code <org>-admin} profile from
     * {@code profilesDir}, and its dataset registered as {@code <datasetPrefix>-<org>}.
     */
    public static java.util.List<FederationMember> localNetwork(java.nio.file.Path profilesDir, String datasetPrefix)
            throws org.medfed.client.gateway.ProfileException {
        java.util.List<FederationMember> members = new java.util.ArrayList<>();
        for (String org : java.util.List.of("Hospital", "Clinic", "Wearable")) {
            String slug = org.toLowerCase(java.util.Locale.ROOT);
            members.add(new FederationMember(
                    org,
                    roleOf(org),
                    ConnectionProfile.load(profilesDir.resolve(slug + "-user1.properties")),
                    ConnectionProfile.load(profilesDir.resolve(slug + "-admin.properties")),
                    datasetPrefix + "-" + slug));
        }
        return members;
    }

    /**
     * The data holder's role an organisation of the local network plays: Hospital a hospital, Clinic a clinic,
     * Wearable a wearable gateway, and an organisation added later (add-org) a hospital.
     */
    public static Role roleOf(String org) {
        return switch (org) {
            case "Clinic" -> Role.CLINIC;
            case "Wearable" -> Role.WEARABLE_GATEWAY;
            default -> Role.HOSPITAL;
        };
    }

    /** A short lower-case name for files: {@code hospital}, {@code clinic}, {@code wearable}. */
    public String slug() {
        return org.toLowerCase(java.util.Locale.ROOT);
    }
}

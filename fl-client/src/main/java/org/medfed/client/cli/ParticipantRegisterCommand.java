package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.view.ParticipantFields;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "register",
        description = {
            "Register an X.509 identity as a participant (participant:registerParticipant; consortium "
                    + "admins: an MSP admin or a participant with role admin).",
            "Name the identity by --msp with --subject or --cert, or by --from-profile: the MSP id and "
                    + "certificate of another profile in --profiles-dir (hospital-user1 on the local network, "
                    + "say)."
        })
final class ParticipantRegisterCommand extends LedgerCommand {

    @Option(names = "--msp", paramLabel = "MSP", description = "The identity's MSP id, e.g. HospitalMSP.")
    private String mspId;

    @Option(
            names = "--subject",
            paramLabel = "DN",
            description = "Its certificate's subject DN (RFC 2253 or 1779), such as 'CN=user1,OU=client,O=Hospital'.")
    private String subject;

    @Option(
            names = "--cert",
            paramLabel = "PEM_FILE",
            description = "Its PEM certificate; the subject is read from it.")
    private Path certificate;

    @Option(
            names = "--from-profile",
            paramLabel = "PROFILE",
            description = "Register the identity of this other profile (its mspId and certificate).")
    private String fromProfile;

    @Option(
            names = "--role",
            required = true,
            paramLabel = "ROLE",
            completionCandidates = RoleNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    private String role;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "Display name, such as 'St Mary ICU'.")
    private String displayName;

    private Role parsedRole;

    @Override
    protected boolean prepare() throws Exception {
        try {
            parsedRole = Role.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--role " + e.getMessage().substring("role ".length()));
        }
        if (fromProfile != null) {
            if (mspId != null || subject != null || certificate != null) {
                throw usage("--from-profile names the whole identity: leave out --msp, --subject and --cert");
            }
            ConnectionProfile other = ProfileChoice.load(identity.profilesDir(), fromProfile, "--from-profile");
            mspId = other.mspId();
            subject = subjectOf(other.certificate());
        } else {
            if (mspId == null || (subject == null) == (certificate == null)) {
                throw usage("name the identity: --msp MSP with either --subject DN or --cert PEM_FILE, "
                        + "or --from-profile PROFILE");
            }
            if (certificate != null) {
                subject = subjectOf(certificate);
            }
        }
        try {
            ParticipantIds.of(mspId, subject);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        return answer(
                new ParticipantLedger(ledger).register(mspId, subject, parsedRole, displayName),
                ParticipantFields::print);
    }

    /** The subject DN as the chaincode sees it: {@code X500Principal.getName()}, RFC 2253. */
    static String subjectOf(Path pem) throws InputException {
        try {
            return CertificateSubjects.of(pem);
        } catch (IOException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static final class RoleNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Role.values()).map(Role::wire).iterator();
        }
    }
}

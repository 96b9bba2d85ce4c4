package org.medfed.common.model;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.medfed.common.codec.Hashing;

/**
 * How an X.509 identity becomes a participant id: the SHA-256 (lower-case hex) of the UTF-8 text
 * {@code <mspId>::<subject>}, where the subject is the certificate's subject DN in RFC 2253 form as
 * {@link X500Principal#getName()} writes it. A hash, not the text itself, so every id has the same length and
 * alphabet in keys, bookmarks and command lines; the record keeps the MSP id and subject for people. MSP ids
 * cannot contain {@code ::}, so the text is unambiguous.
 */
public final class ParticipantIds {
    public static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final int MAX_SUBJECT_LENGTH = 1024;

    private ParticipantIds() {}

    public static String of(String mspId, String subject) {
        return Hashing.sha256Hex((mspId(mspId) + "::" + canonicalSubject(subject)).getBytes(UTF_8));
    }

    public static String mspId(String mspId) {
        if (mspId == null || !MSP_ID.matcher(mspId).matches()) {
            throw new IllegalArgumentException("mspId must be an MSP id (letters, digits, '.', '_', '-'), got "
                    + (mspId == null ? "nothing" : "\"" + mspId + "\""));
        }
        return mspId;
    }

    /**
     * The RFC 2253 form of a distinguished name given in RFC 1779 or 2253 syntax, so that
     * {@code CN=a, OU=client, O=Org1} and {@code CN=a,OU=client,O=Org1} name the same participant.
     */
    public static String canonicalSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException(
                    "subject must be a distinguished name of at most " + MAX_SUBJECT_LENGTH + " characters");
        }
        try {
            return new X500Principal(subject).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject is not a distinguished name: " + e.getMessage(), e);
        }
    }

    /** Every OU value of the DN; Fabric's NodeOUs put the identity's kind (client, admin…) there. */
    public static List<String> organizationalUnits(String subject) {
        List<String> units = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(canonicalSubject(subject)).getRdns()) {
                Attribute ou = rdn.toAttributes().get("OU");
                if (ou != null) {
                    NamingEnumeration<?> values = ou.getAll();
                    while (values.hasMore()) {
                        units.add(String.valueOf(values.next()));
                    }
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("subject is not a distinguished name: " + e.getMessage(), e);
        } catch (NamingException e) {
            throw new IllegalStateException("cannot read the OU of " + subject, e);
        }
        return units;
    }
}

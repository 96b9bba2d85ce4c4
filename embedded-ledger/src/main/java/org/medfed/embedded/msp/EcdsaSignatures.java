package org.medfed.embedded.msp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA over SHA-256 with Fabric's low-S rule: S and N - S are both valid for the same message, so Fabric
 * (bccsp/sw/ecdsa.go) refuses S &gt; N/2 to keep signatures, and the transactions they sign, non-malleable; signers
 * therefore replace a high S by N - S.
 *
 * <p>P-256 keys (every key of a Fabric network made by cryptogen) go through BouncyCastle's specialised P-256
 * arithmetic: a verification takes ~0.15 ms there against ~1.1 ms in the JDK's provider on this machine, and the
 * ledger verifies several signatures per transaction. Signatures use deterministic nonces (RFC 6979).
 */
public final class EcdsaSignatures {

    private static final String ALGORITHM = "SHA256withECDSA";
    private static final org.bouncycastle.asn1.x9.X9ECParameters P256 =
            org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
    private static final org.bouncycastle.crypto.params.ECDomainParameters P256_DOMAIN =
            new org.bouncycastle.crypto.params.ECDomainParameters(
                    P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    /**
     * Public keys as BouncyCastle points, kept: the point carries the precomputed multiples that a verification
     * builds for its key, so the next verification with the same key (the same few identities sign everything)
     * skips that work. Bounded by clearing, as identities are few and a miss only costs the precomputation.
     */
    private static final java.util.concurrent.ConcurrentMap<
                    java.security.spec.ECPoint, org.bouncycastle.crypto.params.ECPublicKeyParameters>
            P256_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_KEPT_KEYS = 4096;

    private EcdsaSignatures() {}

    /** DER {@code SEQUENCE {r, s}} with low S. */
    static byte[] sign(PrivateKey key, byte[] message) {
        return isP256(key) ? signDigest(key, sha256(message)) : signWithProvider(key, message);
    }

    /**
     * A P-256 key's signature of a SHA-256 {@code digest}: DER {@code SEQUENCE {r, s}} with low S, a deterministic
     * nonce (RFC 6979). What a fabric-gateway client's {@code Signer} is asked for: a client that signs many
     * transactions (a simulation) uses it for the speed of BouncyCastle's P-256 arithmetic.
     *
     * @throws IllegalArgumentException when the key is not on P-256
     */
    public static byte[] signDigest(PrivateKey key, byte[] digest) {
        if (!isP256(key)) {
            throw new IllegalArgumentException("not a P-256 key: " + key.getAlgorithm());
        }
        org.bouncycastle.crypto.signers.ECDSASigner signer =
                new org.bouncycastle.crypto.signers.ECDSASigner(new org.bouncycastle.crypto.signers.HMacDSAKCalculator(
                        new org.bouncycastle.crypto.digests.SHA256Digest()));
        signer.init(
                true,
                new org.bouncycastle.crypto.params.ECPrivateKeyParameters(
                        ((java.security.interfaces.ECPrivateKey) key).getS(), P256_DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = isLowS(P256.getN(), rs[1]) ? rs[1] : P256.getN().subtract(rs[1]);
        try {
            return encode(rs[0], s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] signWithProvider(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            BigInteger[] rs = decode(signer.sign());
            BigInteger order = order(key);
            BigInteger s = isLowS(order, rs[1]) ? rs[1] : order.subtract(rs[1]);
            return encode(rs[0], s);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with " + key.getAlgorithm() + " key", e);
        }
    }

    /** False for a wrong signature, a high S, or anything that is not one strict DER {r, s}. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (!(key instanceof ECKey)) {
            return false;
        }
        try {
            BigInteger[] rs = decode(signature);
            if (rs[0].signum() <= 0 || rs[1].signum() <= 0 || !isLowS(order(key), rs[1])) {
                return false;
            }
            if (isP256(key)) {
                org.bouncycastle.crypto.signers.ECDSASigner verifier =
                        new org.bouncycastle.crypto.signers.ECDSASigner();
                verifier.init(false, p256(((java.security.interfaces.ECPublicKey) key).getW()));
                return verifier.verifySignature(sha256(message), rs[0], rs[1]);
            }
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static org.bouncycastle.crypto.params.ECPublicKeyParameters p256(java.security.spec.ECPoint w) {
        if (P256_KEYS.size() > MAX_KEPT_KEYS) {
            P256_KEYS.clear();
        }
        return P256_KEYS.computeIfAbsent(
                w,
                point -> new org.bouncycastle.crypto.params.ECPublicKeyParameters(
                        P256.getCurve().createPoint(point.getAffineX(), point.getAffineY()), P256_DOMAIN));
    }

    private static boolean isP256(Key key) {
        return key instanceof ECKey ec
                && ec.getParams().getOrder().equals(P256.getN())
                && ec.getParams()
                        .getCurve()
                        .getB()
                        .equals(P256.getCurve().getB().toBigInteger());
    }

    private static byte[] sha256(byte[] message) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(message);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isLowS(BigInteger order, BigInteger s) {
        return s.compareTo(order.shiftRight(1)) <= 0;
    }

    /** N, the order of the key's curve. */
    static BigInteger order(Key ecKey) {
        return ((ECKey) ecKey).getParams().getOrder();
    }

    /** r and s of a DER signature; a BER or padded encoding (another byte form of the same signature) is refused. */
    static BigInteger[] decode(byte[] der) throws IOException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        if (sequence.size() != 2) {
            throw new IOException("not an ECDSA signature");
        }
        BigInteger[] rs = {
            ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(),
            ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue()
        };
        if (!Arrays.equals(encode(rs[0], rs[1]), der)) {
            throw new IOException("not DER");
        }
        return rs;
    }

    static byte[] encode(BigInteger r, BigInteger s) throws IOException {
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }
}

package org.medfed.client.cli;

import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.Checks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Model blobs by CID on the profile organisation's Kubo node: what {@code model get} and {@code model verify} use. */
final class ModelBlobs {

    /** The largest model blob: as many float32 values as one blob can hold. */
    static final long MAX_BLOB_BYTES = (long) FloatVectorCodec.MAX_VALUES * Float.BYTES;

    private final BlobStoreFactory blobStores;

    ModelBlobs(BlobStoreFactory blobStores) {
        this.blobStores = blobStores;
    }

    /** An IPFS CID, else a usage error of {@code command} (a SHA-256 is not a CID here). */
    static void checkCid(CommandSpec command, String cid) {
        if (!Checks.CID.matcher(cid).matches() || Hashing.isSha256Hex(cid)) {
            throw new ParameterException(command.commandLine(), "CID must be an IPFS CID such as bafkrei…, got " + cid);
        }
    }

    /** Reads the blob from the profile organisation's Kubo node; a node that cannot serve it is "unavailable". */
    byte[] fetch(ConnectionProfile profile, String cid) throws MedfedException {
        try {
            return blobStores.open(profile.ipfsApi()).cat(cid, MAX_BLOB_BYTES);
        } catch (BlobStoreException e) {
            throw kuboUnavailable(profile, e);
        }
    }

    /** The profile organisation's Kubo node could not do it: "unavailable", with where to look. */
    static MedfedException kuboUnavailable(ConnectionProfile profile, BlobStoreException e) {
        return new MedfedException(
                MedfedException.UNAVAILABLE,
                e.getMessage() + " (is " + profile.mspId() + "'s Kubo node up? `network/network.sh status`)",
                null,
                e);
    }
}

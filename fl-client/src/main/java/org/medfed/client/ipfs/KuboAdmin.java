package org.medfed.client.ipfs;

import java.util.List;

/** Read-only node diagnostics, used by health checks and the CLI. */
public interface KuboAdmin {

    KuboIdentity id() throws BlobStoreException;

    List<SwarmPeer> swarmPeers() throws BlobStoreException;

    /** Kubo's version string, for example {@code 0.43.1}. */
    String version() throws BlobStoreException;

    /** The bytes the node's repository takes on disk ({@code repo/stat}'s RepoSize): pinned blobs and cached ones. */
    long repoSizeBytes() throws BlobStoreException;

    record KuboIdentity(String peerId, String agentVersion, List<String> addresses) {}

    record SwarmPeer(String peerId, String address) {}
}

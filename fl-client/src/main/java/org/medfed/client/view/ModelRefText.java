package org.medfed.client.view;

import org.medfed.common.model.ContentRef;

/** A model blob as every command shows it: its CID, then its SHA-256. */
public final class ModelRefText {

    private ModelRefText() {}

    public static String of(ContentRef ref) {
        return ref.cid() + " (sha256 " + ref.sha256() + ")";
    }
}

package org.medfed.common.codec;

import java.util.Map;

/** A value stored or emitted as canonical JSON; decoding is a static {@code fromJson(Map)} on the implementing type. */
public interface JsonRecord {
    /** The fields as {@link CanonicalJson} accepts them; key order does not matter. */
    Map<String, Object> toJson();
}

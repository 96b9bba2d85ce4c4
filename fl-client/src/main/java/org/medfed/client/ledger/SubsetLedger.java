package org.medfed.client.ledger;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRecord;

/** The {@code subset} contract and the aggregator's warm-up: a task's consented shared subset (docs/non-iid.md). */
public final class SubsetLedger {
    private final LedgerCalls calls;

    public SubsetLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** {@code subset:setMemberKey}: an organisation admin registers the X25519 public key (base64) rows seal to. */
    public Reply<MemberKeyRecord> setMemberKey(String publicKeyBase64) throws MedfedException {
        return calls.submit(MemberKeyRecord::fromJson, TxNames.SUBSET_SET_MEMBER_KEY, publicKeyBase64);
    }

    public Reply<List<MemberKeyRecord>> memberKeys() throws MedfedException {
        return calls.evaluate(
                json -> JsonFields.objects(json, "items").stream()
                        .map(MemberKeyRecord::fromJson)
                        .toList(),
                TxNames.SUBSET_LIST_MEMBER_KEYS);
    }

    public Reply<SubsetShare> contribute(SubsetContribution contribution) throws MedfedException {
        return calls.submit(
                SubsetShare::fromJson, TxNames.SUBSET_CONTRIBUTE_ROWS, CanonicalJson.encode(contribution.toJson()));
    }

    public Reply<SubsetShare> decline(String taskId, String datasetId, String reason) throws MedfedException {
        return calls.submit(SubsetShare::fromJson, TxNames.SUBSET_DECLINE_ROWS, taskId, datasetId, reason);
    }

    public Reply<SubsetView> subset(String taskId) throws MedfedException {
        return calls.evaluate(SubsetView::fromJson, TxNames.SUBSET_GET_SUBSET, taskId);
    }

    /** {@code aggregator:warmUp}: every endorsing organisation warms the initial model up and records it. */
    public Reply<WarmUpRecord> warmUp(String taskId) throws MedfedException {
        return calls.submit(
                json -> WarmUpRecord.fromJson(JsonFields.object(json, "warmUp")), TxNames.AGGREGATOR_WARM_UP, taskId);
    }

    public Reply<WarmUpInput> warmUpInput(String taskId) throws MedfedException {
        return calls.evaluate(WarmUpInput::fromJson, TxNames.AGGREGATOR_GET_WARM_UP_INPUT, taskId);
    }
}

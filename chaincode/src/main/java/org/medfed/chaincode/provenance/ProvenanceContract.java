package org.medfed.chaincode.provenance;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.HistoryEntry;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ModelOccurrence;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/** Where models come from, and how any record got its current value. Reads only. */
@Contract(name = ContractNames.PROVENANCE)
public final class ProvenanceContract implements LedgerContract {

    /**
     * The lineage of a global model given by SHA-256 (64 hex digits) or CID: {@code {"query", "lineages": […]}},
     * one per task and round it occurs in (usually one), ordered by task and round.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getModelLineage(LedgerContext ctx, String model) {
        Args.text("model", model, 128);
        boolean bySha256 = Hashing.isSha256Hex(model);
        if (!bySha256 && !Checks.CID.matcher(model).matches()) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, "model must be a SHA-256 hex digest or a CID");
        }
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        List<ModelOccurrence> occurrences = ledger.scan(
                bySha256 ? ledger.keys().modelsBySha256(model) : ledger.keys().modelsByCid(model),
                ModelOccurrence::fromJson);
        if (occurrences.isEmpty()) {
            throw new FlChaincodeException(ErrorCode.NOT_FOUND, "no global model " + model + " on the ledger");
        }
        LineageBuilder builder = new LineageBuilder(ledger);
        return CanonicalJson.encode(Map.of(
                "query",
                model,
                "lineages",
                occurrences.stream().map(builder::lineage).toList()));
    }

    /**
     * Every committed version of a record, newest first, from the peer's history database. The key is given in
     * printable form {@code type~attribute~…}: {@code participant~<id>}, {@code dataset~<id>}, {@code task~<id>},
     * {@code round~<task>~<n>}, {@code agg~<task>~<n>}, {@code update~<task>~<n>~<participant>},
     * {@code rep~<task>~<participant>}, {@code budget~<task>~<participant>} or {@code ping~<msp>}.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getHistory(LedgerContext ctx, String key) {
        Args.text("key", key, 512);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        String ledgerKey = ledger.keys().fromPrintable(key);
        return CanonicalJson.encode(Map.of(
                "key",
                key,
                "entries",
                ledger.history(ledgerKey).stream().map(HistoryEntry::toJson).toList()));
    }
}

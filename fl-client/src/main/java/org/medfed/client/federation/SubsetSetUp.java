package org.medfed.client.federation;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.participation.NodeLog;
import org.medfed.client.subset.SubsetPublisher;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.SubsetShare;

/**
 * The shared-subset steps of a local federation: each organisation's admin registers the member key its chaincode
 * server was given (network/scripts/chaincode-server.sh), then each member contributes its share of the subset from
 * the training rows its node will train on, as a holder who affirms the task's consent.
 */
final class SubsetSetUp {
    private SubsetSetUp() {}

    /** Where the local network keeps {@code member}'s organisation's member key: beside its profiles. */
    static Path keyFile(FederationMember member) {
        return member.admin()
                .source()
                .toAbsolutePath()
                .getParent()
                .resolveSibling("subset")
                .resolve(member.slug() + ".key");
    }

    static void registerKeys(List<FederationMember> members, LocalFederation.Ledgers ledgers, NodeLog log)
            throws IOException, MedfedException, ProfileException {
        for (FederationMember member : members) {
            String publicKey = MemberKeys.publicKeyBase64(MemberKeys.read(keyFile(member)));
            try (LedgerClient admin = ledgers.open(member.admin())) {
                new SubsetLedger(admin).setMemberKey(publicKey);
            }
            log.info("registered " + member.org() + "'s subset member key " + publicKey);
        }
    }

    static void contribute(
            List<FederationMember> members,
            TaskSpec spec,
            Map<String, Path> partitions,
            SchemaMapping mapping,
            FederationOptions options,
            LocalFederation.Ledgers ledgers,
            LocalFederation.Blobs blobs,
            NodeLog log)
            throws IOException, DataException, MedfedException, ProfileException, BlobStoreException {
        String consent = spec.subset().orElseThrow().consent();
        for (FederationMember member : members) {
            TabularDataset train = mapping.apply(CsvReader.read(partitions.get(member.org())))
                    .split(options.validationFraction(), options.seed())
                    .train();
            try (LedgerClient user = ledgers.open(member.user())) {
                SubsetShare share = new SubsetPublisher(
                                new SubsetLedger(user), blobs.open(member.user().ipfsApi()), new SecureRandom())
                        .contributeOrDecline(spec.id(), member.datasetId(), train, consent)
                        .share()
                        .value();
                log.info(member.org()
                        + (share.contributed()
                                ? " shared " + share.contribution().rows() + " rows "
                                        + share.contribution().classCounts()
                                : " declined (" + share.reason() + ")")
                        + " of dataset " + member.datasetId() + " with task " + spec.id());
            }
        }
    }
}

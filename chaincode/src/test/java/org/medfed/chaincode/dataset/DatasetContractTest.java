package org.medfed.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.TestIdentity;

class DatasetContractTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final DatasetContract contract = ledger.datasets;

    @BeforeEach
    void registerHospitalAndResearcher() {
        Consortium.register(ledger, HOSPITAL, Role.HOSPITAL);
        Consortium.register(ledger, TestIdentity.ORG2_RESEARCHER, Role.RESEARCHER);
    }

    private String register(TestIdentity owner, Map<String, Object> dataset) {
        return ledger.run(owner, ctx -> contract.registerDataset(ctx, Fixtures.json(dataset)));
    }

    @Nested
    class RegisterDataset {

        @Test
        void recordsTheDescriptionWithItsOwnerAndTime() {
            DatasetDescription dataset = DatasetDescription.fromJson(
                    JsonFields.object(CanonicalJson.parse(register(HOSPITAL, Fixtures.dataset("icu-2025")))));

            assertThat(dataset.ownerId()).isEqualTo(HOSPITAL.participantId());
            assertThat(dataset.registeredAt()).isEqualTo(LedgerHarness.T0);
            assertThat(dataset.contentSha256()).isEqualTo(Fixtures.sha("content-icu-2025"));
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.DATASET_REGISTERED);
        }

        @Test
        void refusesRolesThatHoldNoDataAndUnregisteredCallers() {
            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    TestIdentity.ORG2_RESEARCHER,
                    ctx -> contract.registerDataset(ctx, Fixtures.json(Fixtures.dataset("x"))));
            ledger.refused(
                    ErrorCode.NOT_REGISTERED,
                    TestIdentity.ORG3_CLIENT,
                    ctx -> contract.registerDataset(ctx, Fixtures.json(Fixtures.dataset("x"))));
        }

        @Test
        void refusesATakenId() {
            register(HOSPITAL, Fixtures.dataset("icu-2025"));

            ledger.refused(
                    ErrorCode.ALREADY_EXISTS,
                    HOSPITAL,
                    ctx -> contract.registerDataset(ctx, Fixtures.json(Fixtures.dataset("icu-2025"))));
        }

        @Test
        void refusesDescriptionsWithMissingBadOrForeignFields() {
            for (String field : List.of("schemaSha256", "rowCount", "licence")) {
                Map<String, Object> dataset = new TreeMap<>(Fixtures.dataset("x"));
                dataset.remove(field);
                ledger.refused(
                        ErrorCode.INVALID_ARGUMENT,
                        HOSPITAL,
                        ctx -> contract.registerDataset(ctx, Fixtures.json(dataset)));
            }
            Map<String, Object> owned = new TreeMap<>(Fixtures.dataset("x"));
            owned.put("ownerId", TestIdentity.ORG2_CLIENT.participantId());
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT, HOSPITAL, ctx -> contract.registerDataset(ctx, Fixtures.json(owned)));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, ctx -> contract.registerDataset(ctx, "not json"));
        }
    }

    @Nested
    class GetDataset {

        @Test
        void returnsTheStoredDescription() {
            String stored = register(HOSPITAL, Fixtures.dataset("icu-2025"));

            String read = ledger.run(TestIdentity.ORG2_RESEARCHER, ctx -> contract.getDataset(ctx, "icu-2025"));

            assertThat(read).isEqualTo(stored);
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.getDataset(ctx, "other"));
        }
    }

    @Nested
    class ListDatasets {

        @Test
        void listsDatasetsInIdOrderWhateverTheRegistrationOrder() {
            for (String id : List.of("c", "a", "b")) {
                register(HOSPITAL, Fixtures.dataset(id));
            }

            Map<String, Object> page = ledger.json(ADMIN, ctx -> contract.listDatasets(ctx, "10", ""));

            assertThat(JsonFields.objects(page, "items"))
                    .extracting(item -> item.get("id"))
                    .containsExactly("a", "b", "c");
            assertThat(page).containsEntry("bookmark", "").containsEntry("count", 3L);
        }
    }
}

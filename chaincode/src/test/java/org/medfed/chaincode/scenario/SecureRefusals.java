package org.medfed.chaincode.scenario;

import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.SecureConsortium.TASK;

import java.util.List;
import java.util.Map;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.SecureConsortium;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.ShareKind;

/** The refusals of a secure round, each provoked once for {@link EveryErrorCodeTest}. */
final class SecureRefusals {
    private SecureRefusals() {}

    static void provoke(ErrorCode code, SecureConsortium net) {
        net.atSecond(1, 10);
        net.postKeys(HOSPITAL, 1);
        net.postKeys(CLINIC, 1);
        if (code == ErrorCode.PHASE_CLOSED) {
            // the gateway has yet to post keys, so the keys phase is still open
            List<EncryptedShare> early = net.shares(HOSPITAL, 1);
            net.ledger.refused(code, HOSPITAL, ctx -> net.secagg.postShares(ctx, TASK, "1", shares(early)));
            return;
        }
        net.postKeys(GATEWAY, 1);
        net.atSecond(1, 70);
        if (code == ErrorCode.WRONG_NEIGHBOUR) {
            List<EncryptedShare> some = net.shares(HOSPITAL, 1).subList(1, 3);
            net.ledger.refused(code, HOSPITAL, ctx -> net.secagg.postShares(ctx, TASK, "1", shares(some)));
            return;
        }
        for (var holder : Consortium.HOLDERS) {
            net.postShares(holder, 1, net.shares(holder, 1));
        }
        net.atSecond(1, 130);
        net.submitMasked(HOSPITAL, 1, SecureConsortium.input(3));
        net.submitMasked(CLINIC, 1, SecureConsortium.input(4));
        net.atSecond(1, 600);
        net.close(HOSPITAL, 1);
        List<RevealedShare> honest = net.reveal(HOSPITAL, 1);
        switch (code) {
            case NOT_SURVIVOR ->
                net.ledger.refused(code, GATEWAY, ctx -> net.secagg.revealShares(ctx, TASK, "1", reveal(honest)));
            case DOUBLE_REVEAL ->
                net.ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> net.secagg.revealShares(
                                ctx,
                                TASK,
                                "1",
                                reveal(honest.stream()
                                        .map(s -> new RevealedShare(
                                                s.owner(),
                                                s.kind() == ShareKind.SEED ? ShareKind.KEY : ShareKind.SEED,
                                                s.share()))
                                        .toList())));
            case BAD_COMMITMENT ->
                net.ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> net.secagg.revealShares(
                                ctx,
                                TASK,
                                "1",
                                reveal(honest.stream()
                                        .map(s -> new RevealedShare(
                                                s.owner(), s.kind(), SecureConsortium.tampered(s.share())))
                                        .toList())));
            default -> {
                net.postReveal(HOSPITAL, 1, honest);
                net.atSecond(1, 600 + 120);
                net.ledger.refused(code, CLINIC, ctx -> net.aggregator.aggregateRound(ctx, TASK, "1"));
            }
        }
    }

    private static String shares(List<EncryptedShare> shares) {
        return Fixtures.json(
                Map.of("shares", shares.stream().map(EncryptedShare::toJson).toList()));
    }

    private static String reveal(List<RevealedShare> shares) {
        return Fixtures.json(
                Map.of("shares", shares.stream().map(RevealedShare::toJson).toList()));
    }
}

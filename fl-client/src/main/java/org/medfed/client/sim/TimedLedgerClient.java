package org.medfed.client.sim;

import io.grpc.CallOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

/**
 * One simulated identity's ledger client: the unchanged fabric-gateway client on the in-process network's gateway,
 * each proposal stamped with the simulation's {@link LedgerTime}. Failures map to the same {@link MedfedException}
 * codes as over a network connection.
 */
final class TimedLedgerClient implements LedgerClient {
    /** As generous as a network connection's deadlines: nothing here waits on anything slower than this JVM. */
    static final UnaryOperator<CallOptions> DEADLINE = options -> options.withDeadlineAfter(60, TimeUnit.SECONDS);

    private final Gateway gateway;
    private final Contract contract;
    private final LedgerTime time;
    private final ErrorMapper errors = new ErrorMapper("in-process");

    TimedLedgerClient(Gateway gateway, String channel, String chaincode, LedgerTime time) {
        this.gateway = gateway;
        this.contract = gateway.getNetwork(channel).getContract(chaincode);
        this.time = time;
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        try {
            return stamped(transaction, args).evaluate();
        } catch (Exception e) {
            throw errors.map(e);
        }
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        try {
            return stamped(transaction, args).endorse().submit();
        } catch (Exception e) {
            throw errors.map(e);
        }
    }

    private Proposal stamped(String transaction, String... args) {
        Proposal proposal = contract.newProposal(transaction).addArguments(args).build();
        return gateway.newProposal(time.stamp(proposal.getBytes()));
    }

    @Override
    public void close() {
        gateway.close();
    }
}

package org.medfed.embedded.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.embedded.chaincode.ChaincodeInvoker;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.Membership;
import org.medfed.embedded.store.LedgerStore;

/**
 * The one channel of the embedded network: its member organisations and their MSPs, the deployed chaincode and a
 * connection to each organisation's chaincode (its server, or a shim in this JVM), and the ledger. {@link #reload} picks up an organisation added
 * by {@code add-org} (the MAJORITY policy grows with it) and a newly deployed chaincode version.
 */
public final class Channel {

    /** Builds the connection to one organisation's chaincode: (organisation, definition) → invoker. */
    public interface InvokerFactory {
        ChaincodeInvoker connect(String org, ChaincodeDefinition definition);
    }

    private final NetworkLayout layout;
    private final LedgerStore store;
    private final Function<NetworkLayout, Membership> membershipLoader;
    private final InvokerFactory invokers;

    private volatile List<String> orgs = List.of();
    private volatile Membership membership;
    private volatile ChaincodeDefinition definition;
    private final Map<String, ChaincodeInvoker> connections = new HashMap<>();

    public Channel(
            NetworkLayout layout,
            LedgerStore store,
            Function<NetworkLayout, Membership> membershipLoader,
            InvokerFactory invokers) {
        this.layout = layout;
        this.store = store;
        this.membershipLoader = membershipLoader;
        this.invokers = invokers;
        reload();
    }

    /** Re-reads the organisations, their MSPs and the chaincode definition. */
    public synchronized void reload() {
        List<String> nowOrgs = List.copyOf(layout.orgs());
        membership = membershipLoader.apply(layout);
        ChaincodeDefinition next = ChaincodeDefinition.read(layout.chaincodeDefinition());
        if (next == null || !next.equals(definition) || !nowOrgs.equals(orgs)) {
            connections.values().forEach(ChaincodeInvoker::close);
            connections.clear();
        }
        definition = next;
        orgs = nowOrgs;
    }

    public String id() {
        return layout.channel();
    }

    public NetworkLayout layout() {
        return layout;
    }

    public LedgerStore store() {
        return store;
    }

    public Membership membership() {
        return membership;
    }

    public List<String> orgs() {
        return orgs;
    }

    public List<String> mspIds() {
        List<String> ids = new ArrayList<>();
        for (String o : orgs) {
            ids.add(NetworkLayout.mspId(o));
        }
        return ids;
    }

    /** The channel's default endorsement policy, MAJORITY Endorsement: more than half of the organisations. */
    public int majority() {
        return orgs.size() / 2 + 1;
    }

    /** The deployed chaincode, or null. */
    public ChaincodeDefinition definition() {
        return definition;
    }

    /** The connection to {@code org}'s chaincode (created on first use, like a peer launching CCaaS). */
    public synchronized ChaincodeInvoker invoker(String org) {
        ChaincodeDefinition d = definition;
        if (d == null) {
            throw new IllegalStateException("no chaincode deployed");
        }
        return connections.computeIfAbsent(org, o -> invokers.connect(o, d));
    }

    public synchronized void close() {
        connections.values().forEach(ChaincodeInvoker::close);
        connections.clear();
    }
}

package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a proposal carries besides state access: arguments, transient data, creator, transaction id and time. */
abstract class FakeInvocation extends UnsupportedChaincodeStub {
    String txId = "tx-1";
    Instant txTimestamp = Instant.parse("2026-01-01T00:00:00Z");
    byte[] creator;
    List<String> args = List.of();
    Map<String, byte[]> transientData = Map.of();

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public Instant getTxTimestamp() {
        return txTimestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public String getChannelId() {
        return "medfed";
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return transientData;
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(arg -> arg.getBytes(UTF_8)).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }
}

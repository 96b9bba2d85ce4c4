package org.medfed.common.budget;

import java.math.BigDecimal;
import java.util.List;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;

/** The privacy accountant as the ledger uses it: cumulative ε at δ over a history of DP-SGD runs. */
@FunctionalInterface
public interface EpsilonAccountant {

    /** ε and the RDP order that achieved it; ε may be infinite (e.g. without noise). */
    EpsilonResult epsilon(List<DpCharge> history, BigDecimal delta, EpsilonConversion conversion);
}

package org.nnid.exact;

import java.time.Duration;
import java.util.Optional;

import org.nnid.net.Network;
import org.nnid.theory.Theory;

/**
 * One exact procedure for "is every output of this network identically 0 on all of ℝ^m?". It is
 * given the theory the registry resolved for the network's nonlinearity (a user's theory by its
 * verified facts only), and answers for the networks it covers; empty means it does not apply to
 * this nonlinearity, and the next procedure of {@link ZeroTests#PROCEDURES} is asked.
 */
@FunctionalInterface
public interface ZeroProcedure {
    Optional<ZeroDecision> decide(Network net, Theory theory, Duration limit);
}

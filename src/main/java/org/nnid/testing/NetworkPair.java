package org.nnid.testing;

import org.nnid.net.Network;

/** Two networks generated together, e.g. equal or different by construction. */
public record NetworkPair(Network first, Network second) {
    @Override
    public String toString() {
        return "NetworkPair\n  first:  " + NetworkDescription.of(first, "    ") + "\n  second: "
                + NetworkDescription.of(second, "    ");
    }
}

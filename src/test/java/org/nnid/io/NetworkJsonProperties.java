package org.nnid.io;

import org.nnid.net.Network;
import org.nnid.testing.NetworkArbitraries;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NetworkJsonProperties {

    @Property(tries = 500)
    boolean jsonRoundTripIsLossless(@ForAll("networks") Network n) {
        return NetworkJson.parse(NetworkJson.write(n), "generated.json").equals(n);
    }

    @Property(tries = 300)
    boolean writingIsDeterministicAcrossRoundTrips(@ForAll("networks") Network n) {
        String once = NetworkJson.write(n);
        return NetworkJson.write(NetworkJson.parse(once, "generated.json")).equals(once);
    }

    @Provide
    Arbitrary<Network> networks() {
        return net.jqwik.api.Arbitraries.oneOf(NetworkArbitraries.networks(),
                NetworkArbitraries.networks().outputActivation(true).dag());
    }
}

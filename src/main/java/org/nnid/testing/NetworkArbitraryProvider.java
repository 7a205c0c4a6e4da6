package org.nnid.testing;

import java.util.Set;

import org.nnid.net.Network;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Lets a property take {@code @ForAll Network} without a {@code @Provide} method: jqwik finds this
 * default provider through {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider} in
 * nnid's jar and draws from {@link NetworkArbitraries#networks()} (every built-in activation,
 * layered and DAG, exact and double weights). A {@code @ForAll("name")} provider still wins.
 */
public final class NetworkArbitraryProvider implements ArbitraryProvider {
    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return targetType.isOfType(Network.class);
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        return Set.of(NetworkArbitraries.networks());
    }
}

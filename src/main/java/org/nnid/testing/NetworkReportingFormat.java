package org.nnid.testing;

import org.nnid.net.Network;

import net.jqwik.api.SampleReportingFormat;

/**
 * How jqwik prints a {@link Network} or {@link NetworkPair} sample (original and shrunk), found
 * through {@code META-INF/services/net.jqwik.api.SampleReportingFormat}: the
 * {@link NetworkDescription} with formulas and weights instead of a one-line summary.
 */
public final class NetworkReportingFormat implements SampleReportingFormat {
    @Override
    public boolean appliesTo(Object value) {
        return value instanceof Network || value instanceof NetworkPair;
    }

    @Override
    public Object report(Object value) {
        String text = value instanceof Network n ? NetworkDescription.of(n, "    ") : value.toString();
        return SampleReportingFormat.plainLabel(text);
    }
}

package org.nnid.rewrite;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;

/** {@link ExactLayeredFastPathProperties} with many more tries, in the long profile (CI runs it). */
@Tag("long")
class ExactLayeredFastPathLongProperties {

    @Property(tries = 2000, seed = "20261204")
    void theExactFastPathGivesTheGeneralPathsCanonicalFormAndCertificateToTheByte(@ForAll long seed) {
        ExactLayeredFastPathProperties.fastPathMatchesGeneralPath(seed);
    }

    @Property(tries = 400, seed = "20261204")
    void rewriterCanonicaliseOnExactNetworksIsTheGeneralPathsResult(@ForAll long seed) {
        ExactLayeredFastPathProperties.canonicaliseMatchesGeneralPath(seed);
    }
}

package org.nnid.equiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnid.io.NetworkJson;
import org.nnid.net.Network;
import org.nnid.scalar.Rational;

/**
 * The exact image of a double network holds no double, zeros included: a constant unit with
 * incoming weight 0.0 and bias 0.0 folds σ(0) = 1/2 into the output exactly, not in double
 * arithmetic (which once rounded a one-ulp difference away and answered EQUIVALENT).
 */
class ExactImageZerosTest {

    @Test
    void theExactImageOfADoubleNetworkHasNoDoubleZeros() {
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"logistic\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[0.7], [0.0]], \"bias\": [0.1, 0.0]}, {\"weights\": [[0.3, 0.5]], \"bias\": [0.0]}]}", "a");
        Network q = Checker.exactImage(a);
        assertTrue(q.isExact());
        for (int v = q.inputCount(); v < q.nodeCount(); v++) {
            assertTrue(q.bias(v) instanceof Rational, () -> "bias " + q.bias(q.inputCount()));
        }
    }

    @Test
    void aConstantLogisticUnitDoesNotHideAOneUlpDifference() {
        Network a = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"logistic\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[0.7]], \"bias\": [0.1]}, {\"weights\": [[0.3]], \"bias\": [0.3474106939986281]}]}", "a");
        // 0.0974106939986281 is one ulp below 0.3474106939986281 − 1/4: a different function
        Network b = NetworkJson.parse("{\"format\": \"nnid-network/1\", \"activation\": \"logistic\", \"inputs\": 1,"
                + " \"layers\": [{\"weights\": [[0.7], [0.0]], \"bias\": [0.1, 0.0]}, {\"weights\": [[0.3, 0.5]],"
                + " \"bias\": [0.0974106939986281]}]}", "b");
        Checker.Result r = Checker.check(a, b, Checker.Options.defaults());
        assertEquals(Verdict.NOT_EQUIVALENT, r.verdict(), r.reason());
    }
}

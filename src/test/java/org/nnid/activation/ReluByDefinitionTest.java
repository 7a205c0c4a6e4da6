package org.nnid.activation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The procedures written for relu alone ask for the function max(0, t), not for the name. */
class ReluByDefinitionTest {
    @Test
    void reluIsRecognisedByItsDefinitionNotItsName() {
        assertTrue(PiecewiseLinear.isRelu(Activations.byName("relu")));
        assertTrue(PiecewiseLinear.isRelu(new DefinedActivation("ramp", Formula.parse("(t+Abs(t))/2"), Map.of())));
        for (String other : new String[] {"leaky_relu", "abs", "hardtanh", "identity", "tanh", "softplus"}) {
            assertFalse(PiecewiseLinear.isRelu(Activations.byName(other)), other);
        }
        assertFalse(PiecewiseLinear.isRelu(new DefinedActivation("relu", Formula.parse("Max(0,2*t)"), Map.of())));
    }
}

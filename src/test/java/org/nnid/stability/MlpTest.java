package org.nnid.stability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nnid.activation.Activations;
import org.nnid.activation.DefinedActivation;
import org.nnid.activation.Formula;

class MlpTest {
    @Test
    void reluIsRecognisedByItsDefinitionNotItsName() {
        assertTrue(Mlp.isRelu(Activations.byName("relu")));
        assertTrue(Mlp.isRelu(new DefinedActivation("ramp", Formula.parse("(t+Abs(t))/2"), Map.of())));
        for (String other : new String[] {"leaky_relu", "abs", "hardtanh", "identity", "tanh", "softplus"}) {
            assertFalse(Mlp.isRelu(Activations.byName(other)), other);
        }
        assertFalse(Mlp.isRelu(new DefinedActivation("relu", Formula.parse("Max(0,2*t)"), Map.of())));
    }
}

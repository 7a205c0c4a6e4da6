package org.nnid.registry;

import java.util.List;

import org.nnid.io.Nonlinearities;
import org.nnid.io.Nonlinearity;
import org.nnid.theory.Theory;

/**
 * Hands the built-in theories down to io as its table of nonlinearities (names, aliases,
 * parameters, ONNX spellings): io is below the registry, so {@link Nonlinearities#builtins()}
 * finds this class through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.nnid.io.Nonlinearities$Provider}).
 */
public final class BuiltinNonlinearities implements Nonlinearities.Provider {

    /** For {@link java.util.ServiceLoader}. */
    public BuiltinNonlinearities() {}

    @Override
    public List<Nonlinearity> nonlinearities() {
        return TheoryRegistry.builtins().theories().stream().map(BuiltinNonlinearities::of).toList();
    }

    /** What io needs of a theory: its activation at the defaults and at other parameter values. */
    static Nonlinearity of(Theory t) {
        return new Nonlinearity(t.name(), t.aliases(), t.activation(), t.parameters(), t.parameterCondition(), t.onnx(),
                values -> t.withParameters(values).activation());
    }
}

package org.nnid.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.nnid.scalar.Interval;

/** Issue 22: the domain a theory file declares, read, decided exactly, and respected by the definition check. */
class DeclaredDomainTest {

    @Test
    void everyWrittenFormReadsToTheIntervalItMeans() {
        assertEquals("0 < t", DeclaredDomain.parse("t > 0").toString());
        assertEquals("0 < t", DeclaredDomain.parse("0 < t").toString());
        assertEquals("-1 <= t", DeclaredDomain.parse("t >= -1").toString());
        assertEquals("t <= 3", DeclaredDomain.parse("3 >= t").toString());
        assertEquals("1/2 <= t < 3", DeclaredDomain.parse("1/2 <= t < 3").toString());
        assertEquals("-Pi/2 < t < Pi/2", DeclaredDomain.parse("-Pi/2 < t < Pi/2").toString());
    }

    @Test
    void malformedDomainsAreRefusedSayingWhy() {
        for (String bad : new String[] {"t", "x > 0", "t > a", "1 < t > 2", "3 < t < 1", "t > 0 < 1", "0 < t < t"}) {
            assertThrows(IllegalArgumentException.class, () -> DeclaredDomain.parse(bad), bad);
        }
    }

    @Test
    void membershipIsDecidedExactlyAtTheBounds() {
        DeclaredDomain open = DeclaredDomain.parse("t > 0");
        assertFalse(open.contains(0.0));
        assertTrue(open.contains(Double.MIN_VALUE));
        assertFalse(open.contains(new BigDecimal("-1e-60")));
        assertTrue(open.contains(new BigDecimal("1e-60")));
        DeclaredDomain band = DeclaredDomain.parse("1/3 <= t < 3");
        assertFalse(band.contains(0.3333333333333333)); // the double nearest 1/3 is below it
        assertTrue(band.contains(new BigDecimal("0.33333333333333333333333333334")));
        assertFalse(band.contains(3.0));
        DeclaredDomain pi = DeclaredDomain.parse("t < Pi");
        assertTrue(pi.contains(3.141592653589793)); // below π
        assertFalse(pi.contains(Math.nextUp(3.141592653589793)));
    }

    @Test
    void anIntervalIsInsideOnlyWhenProvedInside() {
        DeclaredDomain open = DeclaredDomain.parse("t > 0");
        assertTrue(open.containsAll(Interval.of(1e-300, 5)));
        assertFalse(open.containsAll(Interval.of(0, 5)));
        assertTrue(DeclaredDomain.parse("t >= 0").containsAll(Interval.of(0, 5)));
    }

    @Test
    void theDefinitionCheckCoversTheDeclaredDomainOnly() {
        assertInstanceOf(DefinitionDomain.Defined.class, DefinitionDomain.check(Formula.parse("Log(t)"), DeclaredDomain.parse("t > 0")));
        assertInstanceOf(DefinitionDomain.Defined.class, DefinitionDomain.check(Formula.parse("1/(t-1)"), DeclaredDomain.parse("t > 1")));
        assertInstanceOf(DefinitionDomain.Defined.class, DefinitionDomain.check(Formula.parse("Sqrt(1-t^2)"), DeclaredDomain.parse("-1 <= t <= 1")));
        assertInstanceOf(DefinitionDomain.Undefined.class, DefinitionDomain.check(Formula.parse("Log(t)"), DeclaredDomain.parse("t > -1")));
        assertInstanceOf(DefinitionDomain.Undefined.class, DefinitionDomain.check(Formula.parse("1/(t-2)"), DeclaredDomain.parse("0 < t < 5")));
        assertInstanceOf(DefinitionDomain.Undefined.class, DefinitionDomain.check(Formula.parse("Log(t)"), DeclaredDomain.REAL_LINE));
    }

    @Test
    void theActivationHasNoValueOutsideItsDomain() {
        DefinedActivation log = new DefinedActivation("logplus", Formula.parse("Log(t)"), java.util.Map.of(), DeclaredDomain.parse("t > 0"));
        assertTrue(Double.isNaN(log.apply(-1.0)));
        assertTrue(Double.isNaN(log.apply(0.0)));
        assertEquals(0.0, log.apply(1.0));
        assertEquals(Interval.ENTIRE, log.apply(Interval.of(-1, 1)));
        assertTrue(log.apply(Interval.of(1, 2)).contains(Math.log(1.5)));
    }
}

package org.nnid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Issue 22: a theory's declared domain (src/test/resources/domains) is respected by every command
 * that evaluates or compares networks: theory verify checks the definition on it, eval refuses an
 * argument outside it in every mode, and equiv, diff and closeness never answer from a fact that
 * needs values outside it.
 */
class DeclaredDomainCommandsTest {

    private static String file(String name) {
        try {
            return Path.of(DeclaredDomainCommandsTest.class.getResource("/domains/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MainTest.Run run(String theory, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--theory";
        all[args.length + 1] = file(theory);
        return MainTest.run(all);
    }

    @Test
    void theoryVerifyChecksTheDefinitionOnTheDeclaredDomain() {
        for (String ok : new String[] {"logplus.theory", "rootplus.theory", "recip-band.theory"}) {
            MainTest.Run v = MainTest.run("theory", "verify", file(ok));
            assertEquals(0, v.code(), v.out() + v.err());
            assertTrue(v.out().contains("real and finite on its declared domain"), v.out());
        }
        MainTest.Run wide = MainTest.run("theory", "verify", file("log-too-wide.theory"));
        assertEquals(1, wide.code(), wide.out());
        assertTrue(wide.out().contains("FAILED") && wide.out().contains("t = -1"), wide.out());
    }

    @Test
    void evalRefusesAnArgumentOutsideTheDomainInEveryModeNamingNodeAndValue() {
        for (String mode : new String[] {"double", "--interval", "--exact"}) {
            String[] args = mode.equals("double") ? new String[] {"eval", file("recip-chain.json"), "--at", "5"}
                    : new String[] {"eval", file("recip-chain.json"), "--at", "5", mode};
            MainTest.Run e = run("recip-band.theory", args);
            assertEquals(2, e.code(), mode + ": " + e.out() + e.err());
            assertTrue(e.err().contains("h1_1") && e.err().contains("5") && e.err().contains("1/2 <= t < 3"), e.err());
        }
        MainTest.Run ok = run("recip-band.theory", "eval", file("recip-chain.json"), "--at", "1/2", "--exact");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("y1 = 2"), ok.out());
        MainTest.Run log = run("logplus.theory", "eval", file("logplus-chain.json"), "--at", "-1", "--interval");
        assertEquals(2, log.code(), log.out() + log.err());
        assertTrue(log.err().contains("0 < t"), log.err());
    }

    @Test
    void aDeadNodeOutsideTheDomainNeverMakesNetworksEquivalent() {
        // logplus-dead has a dead unit log(x - 5): it is defined for x > 5 only, logplus-chain for x > -1.
        MainTest.Run equiv = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-dead.json"));
        assertEquals(3, equiv.code(), equiv.out());
        assertTrue(equiv.out().startsWith("UNKNOWN") && equiv.out().contains("declared on 0 < t"), equiv.out());
        MainTest.Run within = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-dead.json"),
                "--eps", "10", "--box", "0,1");
        assertEquals(3, within.code(), within.out());
        MainTest.Run diff = run("logplus.theory", "diff", file("logplus-chain.json"), file("logplus-dead.json"));
        assertEquals(3, diff.code(), diff.out());
    }

    @Test
    void aWitnessWhereBothNetworksAreDefinedProvesADifference() {
        MainTest.Run equiv = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-shift.json"));
        assertEquals(1, equiv.code(), equiv.out());
        assertTrue(equiv.out().startsWith("NOT_EQUIVALENT (witness)"), equiv.out());
        MainTest.Run exceeds = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-shift.json"),
                "--eps", "1e-3", "--box", "0,1");
        assertEquals(1, exceeds.code(), exceeds.out());
        MainTest.Run within = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-shift.json"),
                "--eps", "10", "--box", "0,1");
        assertEquals(3, within.code(), within.out());
    }

    @Test
    void identicalNetworksAreOneFunctionWhateverTheirDomain() {
        MainTest.Run equiv = run("logplus.theory", "equiv", file("logplus-chain.json"), file("logplus-chain.json"));
        assertEquals(0, equiv.code(), equiv.out());
        MainTest.Run diff = run("logplus.theory", "diff", file("logplus-chain.json"), file("logplus-chain.json"));
        assertEquals(0, diff.code(), diff.out());
    }

    @Test
    void orbitRefusesANetworkOnADeclaredDomain() {
        MainTest.Run orbit = run("logplus.theory", "orbit", file("logplus-chain.json"), "--count");
        assertEquals(2, orbit.code(), orbit.out() + orbit.err());
        assertTrue(orbit.err().contains("declared on 0 < t"), orbit.err());
    }
}

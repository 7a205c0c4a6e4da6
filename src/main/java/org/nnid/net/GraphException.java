package org.nnid.net;

import java.util.List;
import java.util.OptionalInt;

/**
 * A network graph that breaks one of {@link GraphValidator}'s rules. The message names the node
 * (the builder's wording); {@link #problem()} says what is wrong in a form a reader can turn into
 * its own message with a location in its file.
 */
public final class GraphException extends IllegalArgumentException {

    /** What is wrong; positions count inputs, or nodes, in the order they were declared. */
    public sealed interface Problem permits DuplicateInput, DuplicateId, UnknownSource, EdgeFromOutput, SelfEdge,
            NoOutput, Cycle {
        String message();
    }

    public record DuplicateInput(int position, String name) implements Problem {
        @Override
        public String message() {
            return "duplicate input name '" + name + "'";
        }
    }

    /** {@code earlier} is the position of the node that has the id already; empty when an input has it. */
    public record DuplicateId(int position, String id, OptionalInt earlier) implements Problem {
        @Override
        public String message() {
            return "duplicate id '" + id + "'";
        }
    }

    public record UnknownSource(int position, String node, String source) implements Problem {
        @Override
        public String message() {
            return "node '" + node + "': edge from unknown node '" + source + "'";
        }
    }

    public record EdgeFromOutput(int position, String node, String source) implements Problem {
        @Override
        public String message() {
            return "node '" + node + "': edge from output node '" + source
                    + "' (outputs feed nothing; add a hidden node instead)";
        }
    }

    public record SelfEdge(int position, String node) implements Problem {
        @Override
        public String message() {
            return "node '" + node + "': edge to itself (the graph must be acyclic)";
        }
    }

    public record NoOutput() implements Problem {
        @Override
        public String message() {
            return "the network has no output node";
        }
    }

    /** {@code path} follows the edges around the cycle and ends where it starts. */
    public record Cycle(List<String> path) implements Problem {
        public Cycle {
            path = List.copyOf(path);
        }

        public String node() {
            return path.get(0);
        }

        @Override
        public String message() {
            return "node '" + node() + "' lies on a cycle (the graph must be acyclic)";
        }
    }

    // Problems are plain records of strings; an exception is not serialised in nnid.
    private final transient Problem problem;

    GraphException(Problem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

package org.nnid.dedup;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What {@code nnid dedup} found, in a fixed order (files by name, groups by their representative),
 * without timings, so that two runs on the same folder give the same report byte for byte.
 *
 * @param eps         the closeness asked with --eps, if any
 * @param groups      sets of files proved to be one function (EQUIVALENT, exactly, to the representative)
 * @param epsGroups   sets of one-function groups whose representatives were proved WITHIN_EPS of the first
 * @param splits      files whose hash matched a group's but that the checker did not prove equal to it
 * @param unreadable  files with a network extension that could not be read or canonicalised
 * @param skipped     files without a network extension (not read)
 */
public record DedupReport(Optional<Double> eps, List<Group> groups, List<Group> epsGroups, List<Split> splits,
        List<Unreadable> unreadable, List<String> skipped, Totals totals) {

    public DedupReport {
        groups = List.copyOf(groups);
        epsGroups = List.copyOf(epsGroups);
        splits = List.copyOf(splits);
        unreadable = List.copyOf(unreadable);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param proof how the member joined: "representative", or the checker's verdict, proof kind
     *              and reason against the representative
     */
    public record Member(String file, long bytes, String proof) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param hash       {@code nnid hash} of the representative (9 significant digits)
     * @param bytesSaved what a store keeping only the representative would save: the sizes of all
     *                   other members
     */
    public record Group(String representative, String hash, List<Member> members, long bytesSaved)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Group {
            members = List.copyOf(members);
        }
    }

    /** A file whose hash bucket it shared with {@code representative}, and what the checker said instead. */
    public record Split(String file, String representative, String verdict, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public record Unreadable(String file, long bytes, String reason) {}

    /**
     * @param files      files under the folder with a network extension
     * @param networks   those read and canonicalised
     * @param candidates hash buckets (joined over both hashes) with at least two networks
     * @param checks     checker calls made to confirm them
     */
    public record Totals(long files, long networks, long candidates, long checks, long groupedFiles,
            long bytesSaved, long epsGroupedFiles, long epsBytesSaved) {}
}

package uk.nhs.stpgov.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time spent by a JVM and by the PostgreSQL server (postmaster, live backends and reaped ones) between two
 * snapshots, from /proc. On a machine shared with other work, CPU milliseconds per request compare two runs better
 * than requests per second do: they do not count the time spent waiting for a core.
 */
final class CpuMeter {
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    record Snapshot(long app, long db) {
    }

    record PerRequest(double appMs, double dbMs) {
    }

    private CpuMeter() {
    }

    /** {@code postmasterPid} 0 when the database is not on this machine (then db is 0). */
    static Snapshot snapshot(long appPid, long postmasterPid) {
        return new Snapshot(ticks(appPid, false), postmasterPid <= 0 ? 0 : ticks(postmasterPid, true)
                + childrenTicks(postmasterPid));
    }

    static PerRequest since(Snapshot before, Snapshot after, long requests) {
        return requests == 0 ? new PerRequest(0, 0) : new PerRequest((after.app() - before.app()) * TICK_MS / requests,
                (after.db() - before.db()) * TICK_MS / requests);
    }

    /** The postmaster's pid from its data directory, 0 when unknown. */
    static long postmaster(Path dataDir) {
        try {
            return dataDir == null ? 0 : Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ticks(long pid, boolean withReaped) {
        List<String> f = fields(pid);
        if (f == null) {
            return 0;
        }
        // after "pid (comm)": state is field 3; utime 14, stime 15, cutime 16, cstime 17 (1-based)
        long t = Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
        return withReaped ? t + Long.parseLong(f.get(13)) + Long.parseLong(f.get(14)) : t;
    }

    private static long childrenTicks(long parent) {
        long sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> f = fields(Long.parseLong(name));
                if (f != null && Long.parseLong(f.get(1)) == parent) {
                    sum += Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** The fields of /proc/pid/stat after the command name, from the state on (index 0 = state). */
    private static List<String> fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

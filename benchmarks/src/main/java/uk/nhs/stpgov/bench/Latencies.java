package uk.nhs.stpgov.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a call on N threads for a while and keeps every latency (nanoseconds) for exact percentiles. */
final class Latencies {
    interface Call {
        /** One operation by the given client; true when it succeeded. */
        boolean run(int client, long iteration) throws Exception;
    }

    record Result(int clients, long ok, long failed, double seconds, double p50Ms, double p99Ms, double meanMs,
                  String firstError) {
        double perSecond() {
            return ok / seconds;
        }
    }

    /** How a warm-up ended: its length, rounds, the last round's rate and whether that rate had levelled off. */
    record WarmUp(double seconds, int rounds, double lastPerSecond, boolean steady) {
    }

    private Latencies() {
    }

    /**
     * Runs rounds of {@code roundSeconds} until the throughput levels off: the mean of the last three rounds no more
     * than 3 % above the mean of the three before them, or {@code maxSeconds} in all. The one rule for every app whose
     * throughput is compared (the tracker and the bare REST app), so that both are measured as warm as the time
     * allows: on a 2-core machine the JIT compiles a large request path for minutes, and a fixed, short warm-up
     * measures the compiler as much as the app (benchmarks/RESULTS.md, 2026-11-30). Means of three, not single
     * rounds: a slow, steady rise of a few per cent per round hides in the noise of one round.
     */
    static WarmUp warmUp(int clients, double roundSeconds, double maxSeconds, Call call) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        boolean steady = false;
        while (!steady && (System.nanoTime() - t0) / 1e9 + roundSeconds <= maxSeconds) {
            rates.add(run(clients, roundSeconds, call).perSecond());
            int n = rates.size();
            steady = n >= 6 && mean(rates.subList(n - 3, n)) <= mean(rates.subList(n - 6, n - 3)) * 1.03;
        }
        return new WarmUp((System.nanoTime() - t0) / 1e9, rates.size(), rates.isEmpty() ? 0 : rates.get(rates.size() - 1),
                steady);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static Result run(int clients, double seconds, Call call) throws InterruptedException {
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong failed = new AtomicLong();
        String[] firstError = new String[1];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[1 << 16];
            perThread.add(samples);
            final int client = c;
            Thread t = new Thread(() -> {
                long[] mine = samples;
                int n = 0;
                try {
                    start.await();
                    for (long i = 0; System.nanoTime() < deadline[0]; i++) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.run(client, i);
                        } catch (Exception e) {
                            ok = false;
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = e.toString();
                                }
                            }
                        }
                        long dt = System.nanoTime() - t0;
                        if (ok) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                                perThread.set(client, mine);
                            }
                            mine[n++] = dt;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (counts) {
                        counts[client] = n;
                        perThread.set(client, mine);
                    }
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + (long) (seconds * 1e9);
        start.countDown();
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int total = 0;
        synchronized (counts) {
            for (int n : counts) {
                total += n;
            }
        }
        long[] all = new long[total];
        int k = 0;
        synchronized (counts) {
            for (int c = 0; c < clients; c++) {
                System.arraycopy(perThread.get(c), 0, all, k, counts[c]);
                k += counts[c];
            }
        }
        Arrays.sort(all);
        double mean = total == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e6;
        return new Result(clients, total, failed.get(), elapsed, pct(all, 0.50), pct(all, 0.99), mean, firstError[0]);
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}

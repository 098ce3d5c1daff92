package org.dhad.serve.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission and batching: at most {@code capacity} requests are admitted at once (read, waiting or scored); one
 * scoring thread takes what waits, up to {@code batch} images, and scores each model's share as one batch, so the
 * network runs on one thread while the request threads decode and encode images.
 */
final class ScoringQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringQueue.class);

    /** A fitted image waiting for its scores. */
    private record Job(ServedModel model, BufferedImage fitted, CompletableFuture<float[]> scores) {
    }

    private static final Job STOP = new Job(null, null, null);

    private final Semaphore admitted;
    private final BlockingQueue<Job> waiting;
    private final int batch;
    private final int capacity;
    private final Thread scorer;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    ScoringQueue(int capacity, int batch) {
        this.capacity = capacity;
        this.batch = batch;
        this.admitted = new Semaphore(capacity);
        // one more than admitted, for STOP
        this.waiting = new ArrayBlockingQueue<>(capacity + 1);
        this.scorer = new Thread(this::run, "dhad-serve-scoring");
        this.scorer.setDaemon(true);
        this.scorer.start();
    }

    /** Admits a request, or returns false (counted) when {@link #capacity()} are already in. */
    boolean admit() {
        if (admitted.tryAcquire()) {
            return true;
        }
        rejected.incrementAndGet();
        return false;
    }

    /** Ends an admitted request. */
    void release() {
        admitted.release();
    }

    /** Queues a fitted image of an admitted request; the future completes with its scores or the scoring failure. */
    CompletableFuture<float[]> score(ServedModel model, BufferedImage fitted) {
        Job job = new Job(model, fitted, new CompletableFuture<>());
        if (!waiting.offer(job)) {
            // cannot happen while every caller was admitted; fail the request rather than block it
            job.scores().completeExceptionally(new IllegalStateException("the scoring queue is full"));
        }
        return job.scores();
    }

    private void run() {
        List<Job> jobs = new ArrayList<>();
        while (true) {
            jobs.clear();
            try {
                jobs.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(jobs, batch - 1);
            boolean stop = jobs.remove(STOP);
            Map<ServedModel, List<Job>> byModel = new LinkedHashMap<>();
            jobs.forEach(j -> byModel.computeIfAbsent(j.model(), m -> new ArrayList<>()).add(j));
            byModel.forEach(this::score);
            if (stop) {
                return;
            }
        }
    }

    private void score(ServedModel model, List<Job> jobs) {
        try {
            List<float[]> maps = model.inspector().score(jobs.stream().map(Job::fitted).toList());
            for (int i = 0; i < jobs.size(); i++) {
                jobs.get(i).scores().complete(maps.get(i));
            }
            scored.addAndGet(jobs.size());
            batches.incrementAndGet();
        } catch (RuntimeException | Error e) {
            LOG.error("Scoring {} image(s) with '{}' failed", jobs.size(), model.name(), e);
            jobs.forEach(j -> j.scores().completeExceptionally(e));
        }
    }

    int capacity() {
        return capacity;
    }

    /** Requests admitted now. */
    int inFlight() {
        return capacity - admitted.availablePermits();
    }

    long rejected() {
        return rejected.get();
    }

    long scored() {
        return scored.get();
    }

    long batches() {
        return batches.get();
    }

    /** Lets the scoring thread finish what waits, then stops it. */
    @Override
    public void close() {
        try {
            waiting.put(STOP);
            scorer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

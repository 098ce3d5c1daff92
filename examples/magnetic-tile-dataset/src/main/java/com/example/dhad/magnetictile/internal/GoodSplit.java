package com.example.dhad.magnetictile.internal;

/**
 * Which of {@code count} sorted good tiles are held out for testing: {@code round(count * fraction)}
 * of them (at least one, and at least one left to train on when there are two or more), spread evenly
 * over the sorted names so that both splits cover every acquisition series. Depends only on the count
 * and the fraction, so the same folder always gives the same split.
 */
record GoodSplit(int count, int testCount) {

    static GoodSplit of(int count, double fraction) {
        int held = (int) Math.round(count * fraction);
        held = Math.max(held, count >= 2 ? 1 : 0);
        held = Math.min(held, count - 1);
        return new GoodSplit(count, Math.max(held, 0));
    }

    /** Whether the tile at {@code index} (in sorted order) belongs to the test split. */
    boolean isTest(int index) {
        // The k-th held-out tile sits in the middle of the k-th of testCount equal stretches.
        for (int k = 0; k < testCount; k++) {
            if (index == (int) ((k + 0.5) * count / testCount)) {
                return true;
            }
        }
        return false;
    }
}

package io.github.oktabulkdelete.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The faults planned for a fake org: first the {@code failNext} rules in the order they were planned, then the
 * {@code failRandomly} rules in order.
 *
 * <p>Thread-safe: every method is synchronized, so each planned fault hits exactly one request, and a seeded
 * random rule draws once per matching request (reproducible when requests arrive in a reproducible order).
 *
 * <pre>{@code
 * FaultPlan plan = new FaultPlan();
 * plan.failNext(Route.DELETE_USER, 2, Fault.status(503));
 * Fault fault = plan.next(Route.DELETE_USER); // the 503, twice; then null
 * }</pre>
 */
final class FaultPlan {

    private static final class Countdown {
        final Route route;
        final Fault fault;
        int remaining;

        Countdown(Route route, int remaining, Fault fault) {
            this.route = route;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    private static final class Chance {
        final Route route;
        final double probability;
        final Random random;
        final Fault fault;

        Chance(Route route, double probability, long seed, Fault fault) {
            this.route = route;
            this.probability = probability;
            this.random = new Random(seed);
            this.fault = fault;
        }
    }

    private final List<Countdown> countdowns = new ArrayList<>();
    private final List<Chance> chances = new ArrayList<>();

    /** Plans {@code fault} for the next {@code times} requests on {@code route} ({@code null}: any route). */
    synchronized void failNext(Route route, int times, Fault fault) {
        countdowns.add(new Countdown(route, times, fault));
    }

    /** Plans {@code fault} for each request on {@code route} ({@code null}: any) with a probability. */
    synchronized void failRandomly(Route route, double probability, long seed, Fault fault) {
        chances.add(new Chance(route, probability, seed, fault));
    }

    /** The fault for a request on {@code route}, or {@code null}; consumes a planned {@code failNext}. */
    synchronized Fault next(Route route) {
        for (Iterator<Countdown> it = countdowns.iterator(); it.hasNext(); ) {
            Countdown countdown = it.next();
            if (countdown.route == null || countdown.route == route) {
                if (--countdown.remaining <= 0) {
                    it.remove();
                }
                return countdown.fault;
            }
        }
        for (Chance chance : chances) {
            if ((chance.route == null || chance.route == route) && chance.random.nextDouble() < chance.probability) {
                return chance.fault;
            }
        }
        return null;
    }

    synchronized void clear() {
        countdowns.clear();
        chances.clear();
    }
}

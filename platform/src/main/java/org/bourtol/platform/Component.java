package org.bourtol.platform;

import io.vertx.core.Future;
import org.bourtol.platform.health.HealthRegistry;

/**
 * A deployable part of Bourtol (ingest, rules, notifier, time-series sink). The launcher starts
 * components in order and stops them in reverse; each registers its own health checks and HTTP
 * routes when constructed or started. {@code stop()} must complete within a few seconds.
 */
public interface Component {

    String name();

    Future<Void> start();

    Future<Void> stop();

    /** Registers this component's health checks; called once before {@link #start()}. */
    default void registerHealth(HealthRegistry health) {
    }
}

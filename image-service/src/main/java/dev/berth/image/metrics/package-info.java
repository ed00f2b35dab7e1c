/** Meters published on /actuator/prometheus. */
package dev.berth.image.metrics;

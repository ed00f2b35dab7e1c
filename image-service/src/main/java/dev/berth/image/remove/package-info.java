/**
 * Untagging and deleting images ({@code docker rmi}, {@code docker image prune}) with Docker's
 * rules for what a reference removes and which containers stand in the way.
 */
package dev.berth.image.remove;

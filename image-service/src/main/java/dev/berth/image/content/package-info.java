/**
 * The content-addressed blob store: value types and role interfaces ({@link
 * dev.berth.image.content.Provider} to read, {@link dev.berth.image.content.Ingester} to write).
 * Implementations live in sub-packages ({@code local}).
 */
package dev.berth.image.content;

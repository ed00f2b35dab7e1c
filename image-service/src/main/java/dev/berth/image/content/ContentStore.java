package dev.berth.image.content;

/** The whole content store, for the few callers that need every role; most take one role. */
public interface ContentStore extends Provider, Ingester, ContentUsage, ContentManager {
}

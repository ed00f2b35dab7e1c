/**
 * {@code docker pull}: {@link dev.berth.image.pull.ImagePuller} resolves a reference with the
 * registry client, stores manifests and config, has {@link dev.berth.image.pull.LayerDownloads}
 * fetch the missing layers (bounded in parallel, one download per blob however many pulls want it,
 * each verified against its digest and its diff id while it streams) and records the image only
 * once every layer is in. Progress goes to a {@link dev.berth.image.pull.PullListener} as it
 * happens.
 */
package dev.berth.image.pull;

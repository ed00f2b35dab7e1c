/** Finding images the way Docker does (by tag, id or id prefix) and listing them with filters. */
package dev.berth.image.catalog;

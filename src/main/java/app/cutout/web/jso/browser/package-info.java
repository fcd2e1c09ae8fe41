/**
 * TeaVM JSO declarations for browser APIs that {@code teavm-jso-apis} 0.15 lacks (workers with transfer lists,
 * ImageBitmap, OffscreenCanvas, WebGPU adapter queries, fetch/Cache/SubtleCrypto, drag-and-drop and clipboard).
 * Declarations only; the platform classes translate between these and the pure core.
 */
package app.cutout.web.jso.browser;

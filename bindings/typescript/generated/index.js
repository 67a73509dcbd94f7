
export * from "./zerok_sync.js";
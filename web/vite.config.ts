import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./build/precompress";

export default defineConfig({
  // Brotli and gzip copies written at build time, answered as they are (decision 053).
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:8080" },
  },
  // Maps are written for whoever runs the server (no sourceMappingURL in the bundles) and
  // never served: the server answers 404 for *.map (see api/src/lib/static.ts).
  build: { outDir: "dist", sourcemap: "hidden", chunkSizeWarningLimit: 600 },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built to static files that the API serves at `/`. The SDK is compiled in from its
 * sources, so a change there shows up in the next build without building the SDK first.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@careguide/chat-sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});

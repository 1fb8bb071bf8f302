import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { thirdPartyNotices } from './notices.js';

const notices = thirdPartyNotices();

// Two pages, one bundle tree. The Go binary embeds dist/ (web/embed.go) and
// serves the assets under /ui/, so every URL in the built HTML is absolute
// and starts there, whichever route (/graphql, /viewer) serves the page.
export default defineConfig({
  base: '/ui/',
  // The licences of the bundled packages travel with the pages: their
  // licence comments stay in the minified files (gathered at the end of
  // each), and dist/THIRD_PARTY_NOTICES holds their licence files.
  plugins: [notices.page],
  esbuild: { legalComments: 'eof' },
  // The layout worker (src/viewer/layout.worker.js) is a file of its own
  // under /ui/assets/: the pages' Content-Security-Policy allows workers
  // from the server only, not from blob: URLs.
  worker: { format: 'es', plugins: () => [notices.worker] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundles are served from the binary to machines without internet:
    // one request per page matters less than keeping the build predictable.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        ide: resolve(import.meta.dirname, 'ide.html'),
        viewer: resolve(import.meta.dirname, 'viewer.html'),
      },
    },
  },
});

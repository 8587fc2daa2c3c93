import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const SERVER = 'http://localhost:3000';

// Built files are served by the QMS server under /display/; the public live board's page
// (board/index.html, issue 12) is served at /board/, its assets from /display/assets/.
export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: { input: { display: fileURLToPath(new URL('index.html', import.meta.url)), board: fileURLToPath(new URL('board/index.html', import.meta.url)) } },
  },
  server: {
    port: 5174,
    proxy: {
      '/api': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
});

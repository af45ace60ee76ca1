import { defineConfig } from 'vite';

/** Builds the sidebar from src/ into assets/ (flat, relative URLs) as zcli packages it; logos come from public/. */
export default defineConfig({
  root: 'src',
  base: './',
  publicDir: '../public',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../assets',
    emptyOutDir: true,
    assetsDir: '',
    target: 'es2020',
    modulePreload: false,
    rollupOptions: { input: 'src/iframe.html' },
  },
});

// Builds the Telegram Mini App into miniapp/dist (served by the API at `/miniapp`,
// src/api/plugins/web-app.ts). `npm run dev:miniapp` runs Vite with `/api` proxied to the API.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const api = { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false }

export default defineConfig({
  base: '/miniapp/',
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline module preload polyfill: the page runs under a CSP without inline scripts.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': api } },
})

// Builds the client site into web/dist (served by the API at `/`, src/api/plugins/web-app.ts).
// `npm run dev:web` runs Vite with `/api` proxied to the API (API_URL, default http://127.0.0.1:3000).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const api = { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false }

export default defineConfig({
  plugins: [vue()],
  define: {
    // vue-i18n's bundler build: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
})

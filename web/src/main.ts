// The client site's entry: theme, pinia, language, router, then the app shell.
import '@booking/ui/theme.css'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { applyToDocument, i18n } from './i18n.ts'
import { createAppRouter } from './router.ts'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(createAppRouter())
applyToDocument()
app.mount('#app')

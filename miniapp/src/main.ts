// The Mini App's entry: Telegram first (launch data, theme, viewport), then the theme's variables,
// pinia, the language, the router and the shell, which logs in with the launch's initData.
import '@booking/ui/theme.css'
import './telegram.css'
import './layout.css'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, localeOf, setLocale } from './i18n.ts'
import { createAppRouter } from './router.ts'
import { launch } from './telegram.ts'

const started = launch()
setLocale(localeOf(started.languageCode))
const app = createApp(App, { launch: started })
app.use(createPinia())
app.use(i18n)
app.use(createAppRouter())
app.mount('#app')

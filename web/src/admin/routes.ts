// The admin panel under /admin: lazy chunks (AdminApp and each screen) that the client site never
// loads. AdminApp asks for an admin login itself, so the guard is in the panel, not here. Each area
// keeps its routes beside its screens (web/src/admin/<area>/routes.ts); the journal is the home.
import type { RouteRecordRaw } from 'vue-router'
import { journalRoutes } from './journal/routes.ts'
import { clientsRoutes } from './clients/routes.ts'
import { catalogueRoutes } from './catalogue/routes.ts'
import { overridesRoutes } from './overrides/routes.ts'
import { jobsRoutes } from './jobs/routes.ts'
import { schedulesRoutes } from './schedules/routes.ts'
import { analyticsRoutes } from './analytics/routes.ts'
import { calendarsRoutes } from './calendars/routes.ts'

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('./AdminApp.vue'),
    children: [
      { path: '', redirect: { name: 'admin-journal' } },
      ...journalRoutes,
      ...clientsRoutes,
      ...catalogueRoutes,
      ...overridesRoutes,
      ...schedulesRoutes,
      ...jobsRoutes,
      ...analyticsRoutes,
      ...calendarsRoutes,
      { path: 'settings', name: 'admin-settings', component: () => import('./AdminSettings.vue') },
    ],
  },
]

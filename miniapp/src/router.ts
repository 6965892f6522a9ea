// The Mini App's screens by role, under /miniapp/ with history routing (hash routing could lose the
// launch hash). `meta.role` says whose screen it is; `meta.up` is where the BackButton leads when
// there is no history to go back through (a deep link opened the screen directly).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from './api.ts'

declare module 'vue-router' {
  interface RouteMeta {
    role?: Role
    /** An inner screen: the BackButton shows and leads here without history. */
    up?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomeRedirect.vue') },
  {
    path: '/book',
    name: 'services',
    component: () => import('./pages/client/ServicesPage.vue'),
    meta: { role: 'client' },
  },
  {
    path: '/book/:serviceId(\\d+)',
    name: 'specialists',
    component: () => import('./pages/client/SpecialistsPage.vue'),
    meta: { role: 'client', up: '/book' },
  },
  {
    path: '/book/:serviceId(\\d+)/time',
    name: 'time',
    component: () => import('./pages/client/TimePage.vue'),
    meta: { role: 'client', up: '/book' },
  },
  {
    path: '/book/:serviceId(\\d+)/confirm',
    name: 'confirm',
    component: () => import('./pages/client/ConfirmPage.vue'),
    meta: { role: 'client', up: '/book' },
  },
  {
    path: '/bookings',
    name: 'bookings',
    component: () => import('./pages/client/BookingsPage.vue'),
    meta: { role: 'client' },
  },
  {
    path: '/bookings/:id(\\d+)/reschedule',
    name: 'reschedule',
    component: () => import('./pages/client/ReschedulePage.vue'),
    meta: { role: 'client', up: '/bookings' },
  },
  {
    path: '/wallet',
    name: 'wallet',
    component: () => import('./pages/client/WalletPage.vue'),
    meta: { role: 'client' },
  },
  {
    path: '/day',
    name: 'day',
    component: () => import('./pages/specialist/DayPage.vue'),
    meta: { role: 'specialist' },
  },
  {
    path: '/block',
    name: 'block',
    component: () => import('./pages/specialist/BlockPage.vue'),
    meta: { role: 'specialist' },
  },
  {
    path: '/journal',
    name: 'journal',
    component: () => import('./pages/admin/JournalPage.vue'),
    meta: { role: 'admin' },
  },
  {
    path: '/catalogue',
    name: 'catalogue',
    component: () => import('./pages/admin/CataloguePage.vue'),
    meta: { role: 'admin' },
  },
  {
    path: '/catalogue/:id(\\d+|new)',
    name: 'service',
    component: () => import('./pages/admin/ServicePage.vue'),
    meta: { role: 'admin', up: '/catalogue' },
  },
  {
    path: '/schedules',
    name: 'schedules',
    component: () => import('./pages/admin/SchedulesPage.vue'),
    meta: { role: 'admin' },
  },
  {
    path: '/schedules/:id(\\d+)',
    name: 'specialist-schedule',
    component: () => import('./pages/admin/SpecialistPage.vue'),
    meta: { role: 'admin', up: '/schedules' },
  },
  {
    path: '/jobs/:id',
    name: 'job',
    component: () => import('./pages/admin/JobPage.vue'),
    meta: { role: 'admin', up: '/schedules' },
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

/** Where a `startapp` parameter leads: `service-12`, `specialist-5`, `booking-42`; else nowhere. */
export function startTarget(param: string | null): string | null {
  const m = /^(service|specialist|booking)-(\d{1,9})$/.exec(param ?? '')
  if (!m) return null
  const id = m[2]
  if (m[1] === 'service') return `/book/${id}`
  if (m[1] === 'specialist') return `/book?specialist=${id}`
  return `/bookings?open=${id}`
}

export const HOME: Record<Role, string> = { client: '/book', specialist: '/day', admin: '/journal' }

export function createAppRouter() {
  return createRouter({ history: createWebHistory('/miniapp/'), routes })
}

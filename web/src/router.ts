// The site's routes, in history mode (the API serves index.html for any other path). Only the first
// booking step is in the initial bundle; every other screen is a lazy chunk, and the admin panel
// (`/admin`) one of its own that clients never download.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import ServicesStep from './pages/booking/ServicesStep.vue'
import { accountRoutes } from './pages/account/routes.ts'
import { adminRoutes } from './admin/routes.ts'

const routes: RouteRecordRaw[] = [
  // The booking flow: service → specialist → time → summary → outcome.
  { path: '/', name: 'booking-services', component: ServicesStep },
  {
    path: '/book/:serviceId(\\d+)',
    name: 'booking-specialist',
    component: () => import('./pages/booking/SpecialistStep.vue'),
  },
  {
    // ?specialist=<id>; none: any specialist.
    path: '/book/:serviceId(\\d+)/time',
    name: 'booking-time',
    component: () => import('./pages/booking/TimeStep.vue'),
  },
  {
    // The draft (sessionStorage) holds the specialist and the time; logging in here keeps them.
    path: '/book/:serviceId(\\d+)/confirm',
    name: 'booking-summary',
    component: () => import('./pages/booking/SummaryStep.vue'),
  },
  {
    path: '/bookings/:id(\\d+)/done',
    name: 'booking-outcome',
    component: () => import('./pages/booking/OutcomePage.vue'),
  },
  // ?redirect=<path on this site>: where to go once logged in.
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },

  // The account (my bookings, wallet, packages, profile).
  ...accountRoutes,

  // The admin panel, its own chunk.
  ...adminRoutes,

  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFound.vue') },
]

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}

// Who is logged in: the session token (kept in localStorage across visits) and the user it belongs to.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isApiError } from '@booking/api-client'
import { api, type User } from '../api.ts'

const TOKEN_KEY = 'booking.token'

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

export interface Registration {
  name: string
  password: string
  email?: string
  phone?: string
  language?: 'ru' | 'en'
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(readToken())
  const me = ref<User | null>(null)
  const loggedIn = computed(() => token.value !== null)

  function start(answer: { token: string; user: User }) {
    token.value = answer.token
    me.value = answer.user
    localStorage.setItem(TOKEN_KEY, answer.token)
  }

  function clear() {
    token.value = null
    me.value = null
    localStorage.removeItem(TOKEN_KEY)
  }

  /** Reads the user behind the stored token; a token the API no longer knows is forgotten. */
  async function loadMe(): Promise<User | null> {
    if (!token.value) return null
    try {
      me.value = await api.GET('/api/me')
    } catch (err) {
      if (isApiError(err) && err.status === 401) clear()
      else throw err
    }
    return me.value
  }

  async function login(login: string, password: string) {
    start(await api.POST('/api/auth/login', { body: { login, password } }))
  }

  async function register(body: Registration) {
    start(await api.POST('/api/auth/register', { body }))
  }

  async function logout() {
    try {
      if (token.value) await api.POST('/api/auth/logout')
    } finally {
      clear()
    }
  }

  return { token, me, loggedIn, loadMe, login, register, logout, clear }
})

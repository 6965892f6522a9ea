// What the jobs screens say about a job: its kind, its state and the times, in the panel's language.
import type { Answer } from '../../api.ts'

export type Job = Answer<'/api/admin/jobs/{id}'>

/** The states in which a job may still move: the page keeps polling while it is in one of them. */
export const isRunning = (job: Job) => job.state !== 'completed' && job.state !== 'failed'

/** Tag colours by state: a finished job with failures reads as a warning, not as a success. */
export function stateTone(job: Job): 'default' | 'info' | 'success' | 'warning' | 'error' {
  if (job.state === 'failed') return 'error'
  if (job.state === 'completed') return job.failures.length ? 'warning' : 'success'
  return job.state === 'active' ? 'info' : 'default'
}

const STATES = ['waiting', 'active', 'completed', 'failed'] as const

/** The message key of a state; a recalc job's other queue states read as waiting. */
export function stateKey(state: string): `admin.jobs.state.${(typeof STATES)[number]}` {
  const known = (STATES as readonly string[]).includes(state) ? state : 'waiting'
  return `admin.jobs.state.${known as (typeof STATES)[number]}`
}

/** A moment (ISO 8601) as the reader's local date and time. */
export function moment(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

/**
 * A booking's start as its location's wall time: the API writes it with that location's offset, so
 * the date and the time are read from the text itself, never moved into the browser's zone.
 */
export function wallTime(iso: string, locale: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  )
  return `${day}, ${iso.slice(11, 16)}`
}

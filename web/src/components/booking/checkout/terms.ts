// The cancellation terms of a quote as the client reads them, in the site's language: which
// sentence applies, from the fields the API computed (free_until, the late fee, the package visit).
// The API's own `text` is English only; the cases mirror src/domain/cancellation-terms.ts.

export interface Terms {
  free_until?: string
  late_fee?: number
  late_fee_percent?: number
  consumes_visit?: boolean
}

export type TermsCase =
  | { kind: 'free-until-start' }
  | { kind: 'free-until'; until: string; later: 'fee' | 'visit' | 'nothing' }
  | { kind: 'already-late'; later: 'fee' | 'visit' }

export function termsCase(terms: Terms, startIso: string, now: Date = new Date()): TermsCase {
  const later = terms.late_fee ? 'fee' : terms.consumes_visit ? 'visit' : 'nothing'
  const until = terms.free_until
  if (!until || new Date(until).getTime() >= new Date(startIso).getTime()) return { kind: 'free-until-start' }
  if (later === 'nothing') return { kind: 'free-until', until, later }
  if (new Date(until).getTime() < now.getTime()) return { kind: 'already-late', later }
  return { kind: 'free-until', until, later }
}

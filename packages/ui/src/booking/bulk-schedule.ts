// "Apply to several specialists", as the web admin panel and the Mini App both offer it: a week of
// hours for the chosen specialists from an effective date. "Preview" asks
// POST /api/admin/schedules/bulk/preview, which changes nothing, for the bookings that would fall
// outside; "Apply" starts the bulk job (POST /api/admin/schedules/bulk) with an Idempotency-Key of
// its own; `busy` holds both buttons while a call is out. Each channel draws its own form around it.
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { newKey, type ApiClient } from '@booking/api-client'
import type { StrandedBooking } from './stranded.ts'
import { useErrorText } from '../error-text.ts'

export interface BulkScheduleForm {
  specialistIds: Ref<number[]>
  /** yyyy-mm-dd in the location's zone; null or '' until one is picked. */
  from: Ref<string | null>
  onConflict: Ref<'refuse' | 'keep'>
  /** The week being applied, as the schedule routes take it. */
  schedule: () => unknown
}

export function useBulkSchedule(
  api: ApiClient,
  form: BulkScheduleForm,
  opts: { keyPrefix: string; onRefused?: () => void },
) {
  const { t } = useI18n()
  const errorText = useErrorText()
  const error = ref('')
  const busy = ref(false)
  const preview = ref<{ specialists: number; bookings: StrandedBooking[] } | null>(null)

  // Another choice or another week makes the preview shown stale.
  watch([form.specialistIds, form.from, form.onConflict, form.schedule], () => (preview.value = null), {
    deep: true,
  })

  const body = computed(() => ({
    specialist_ids: form.specialistIds.value,
    schedule: form.schedule() as never,
    effective_from: form.from.value || undefined,
    on_conflict: form.onConflict.value,
  }))

  function refuse(message: string): false {
    error.value = message
    opts.onRefused?.()
    return false
  }

  async function run(call: () => Promise<void>) {
    error.value = ''
    if (!form.specialistIds.value.length) return refuse(t('admin.schedules.bulk.pick'))
    if (!form.from.value) return refuse(t('admin.schedules.bulk.pickDate'))
    busy.value = true
    try {
      await call()
    } catch (err) {
      refuse(errorText(err))
    } finally {
      busy.value = false
    }
  }

  return {
    error,
    busy,
    preview,
    runPreview: () =>
      run(async () => {
        const answer = await api.POST('/api/admin/schedules/bulk/preview', { body: body.value })
        preview.value = { specialists: answer.specialists, bookings: answer.bookings_outside_hours }
      }),
    /** Starts the job; `started` gets its id and the specialists it was for. */
    apply: (started: (jobId: string, specialistIds: number[]) => unknown) =>
      run(async () => {
        const answer = await api.POST('/api/admin/schedules/bulk', {
          body: body.value,
          headers: { 'idempotency-key': newKey(opts.keyPrefix) },
        })
        await started(answer.job_id, [...form.specialistIds.value])
      }),
  }
}

// @booking/ui: what the web site and the Mini App share (the UI kit, the booking steps' day
// calendar, time groups and cards, the free-times and cancellation helpers). Components read only the theme's CSS
// variables (`@booking/ui/theme.css`), the messages are the one source of words, and the formatting
// helpers are the one way money, dates, times and zones are shown.
export { default as UiAvatar } from './components/UiAvatar.vue'
export { default as UiButton } from './components/UiButton.vue'
export { default as UiCard } from './components/UiCard.vue'
export { default as UiDialog } from './components/UiDialog.vue'
export { default as UiField } from './components/UiField.vue'
export { default as UiNotice } from './components/UiNotice.vue'
export { default as UiSpinner } from './components/UiSpinner.vue'
export { default as UiTabs } from './components/UiTabs.vue'
export { default as DayCalendar } from './components/DayCalendar.vue'
export { default as TimeGroups } from './components/TimeGroups.vue'
export { default as ServiceCard } from './components/ServiceCard.vue'
export { default as SpecialistCard } from './components/SpecialistCard.vue'
export type { ServiceSummary } from './booking/types.ts'
export * from './booking/slots.ts'
export { nearestLabel } from './booking/nearest-label.ts'
export { previewCancel, type CancelPreview, type CancellableBooking } from './booking/cancel-preview.ts'
export { messages, type Messages, type SameKeys } from './messages/index.ts'
export * from './format.ts'
export { fieldOf } from './field-of.ts'
export { useFormat } from './use-format.ts'

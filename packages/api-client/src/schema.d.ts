// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit: change the
// routes' schemas and run it again.
export interface paths {
  '/api/admin/analytics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Every load figure of a period
     * @description Utilisation, the weekday × hour heatmap, revenue, cancellation and no-show rates and new and returning clients of the period (docs/analytics.md). Each figure also has its own operation, which can answer CSV. A period longer than 366 days is 422 `period_too_long`.
     */
    get: operations['adminGetAnalytics']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/analytics/clients': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Clients of the period, new and returning
     * @description JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).
     */
    get: operations['adminGetAnalyticsClients']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/analytics/heatmap': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Booked minutes per specialist, local weekday and hour
     * @description JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).
     */
    get: operations['adminGetAnalyticsHeatmap']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/analytics/outcomes': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Completed, cancelled and no-show bookings and their rates, in total and by specialist
     * @description JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).
     */
    get: operations['adminGetAnalyticsOutcomes']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/analytics/revenue': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Revenue of completed bookings, in total, by service and by specialist
     * @description JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).
     */
    get: operations['adminGetAnalyticsRevenue']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/analytics/utilisation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Booked and available minutes per specialist, room and location, per day
     * @description JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).
     */
    get: operations['adminGetAnalyticsUtilisation']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/bookings/chain': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Book services back to back for a client (admins; all or nothing)
     * @description Each item starts where the previous one ends, on the 15-minute grid; after its break too when the same specialist goes on. One intent, one transaction: if any item is not free, nothing is booked and the 409 names it (`item_index`, from 0). All specialists work at one location; `start` as {date, time} is read in its zone.
     */
    post: operations['adminCreateBookingChain']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/bookings/{id}/payments': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The payments taken at the desk for a booking */
    get: operations['adminListBookingPayments']
    put?: never
    /**
     * Records a payment taken on site for a booking (cash or card)
     * @description For bookings paid on site only (422 not_paid_on_site otherwise: the wallet or a package paid them); not for cancelled or rejected ones (409 booking_not_payable). Requires an Idempotency-Key: a retry with the same key answers the first record (header idempotent-replayed), the same key with another body is 422 idempotency_key_reused.
     */
    post: operations['adminRecordBookingPayment']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Searches clients by name, e-mail or phone digits, a page at a time */
    get: operations['adminListClients']
    put?: never
    /** @description Creates a user with the "client" role and no password. A phone or e-mail in use → 409. */
    post: operations['adminCreateClient']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetClient']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /** @description Changes the given fields; null clears an optional one. */
    patch: operations['adminUpdateClient']
    trace?: never
  }
  '/api/admin/clients/{id}/discounts': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** A client’s personal discounts (the best applicable one prices a booking) */
    get: operations['adminListClientDiscounts']
    put?: never
    post: operations['adminCreateClientDiscount']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients/{id}/packages': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** A client’s packages with what remains of them */
    get: operations['adminListClientPackages']
    put?: never
    /**
     * Gives a client a package without the wallet (sold at the desk, a gift)
     * @description No wallet movement. price_paid records what was paid outside the system (default 0). A package withdrawn from sale may still be granted.
     */
    post: operations['adminGrantClientPackage']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients/{id}/wallet': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** A client’s balance and full ledger, newest first */
    get: operations['adminGetClientWallet']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients/{id}/wallet/adjustments': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Corrects a wallet by a signed amount; never below zero (409 negative_balance) */
    post: operations['adminAdjustWallet']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/clients/{id}/wallet/deposits': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Puts money into a client’s wallet (creating the wallet if needed) */
    post: operations['adminDepositToWallet']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/discounts/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** @description Deletes a discount that never priced a booking (entered by mistake). One that did stays on record: 409 in_use; end it instead with PATCH {"active": false} or a valid_to. */
    delete: operations['adminDeleteDiscount']
    options?: never
    head?: never
    /** @description Changes the given fields; the result is checked as a whole (kind with value, window). */
    patch: operations['adminUpdateDiscount']
    trace?: never
  }
  '/api/admin/jobs': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Recent bulk jobs, newest first, with their state and progress
     * @description Bulk jobs (schedule and override changes for many specialists) kept by the queue: 7 days after they finish. Each item is what GET /api/admin/jobs/{id} answers for it. Recalc jobs are not listed: they are many, short and retry by themselves.
     */
    get: operations['adminListJobs']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/jobs/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * State and progress of a bulk job or a recalc job
     * @description progress.done counts the items that succeeded; total is every item. Recalc jobs: one item. Jobs are kept for a while after they finish (bulk: 7 days, recalc: 1 hour), then 404.
     */
    get: operations['adminGetJob']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/jobs/{id}/retry': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Retry a bulk job's failed items (only those)
     * @description The items that failed go back to the queue; the ones that succeeded are not redone. 409 `nothing_to_retry` when no item has failed. Recalc jobs retry by themselves: 422.
     */
    post: operations['adminRetryJob']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/journal': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A location's journal for a day or a week
     * @description The location, its active specialists in display order, each specialist's working intervals per local date (the slot grid without bookings: weekly hours with closed days, blocked intervals and extra open hours applied), the specialists' own blocks, and the bookings starting on those dates (all statuses) with local times, client, service, price and payment.
     */
    get: operations['adminJournal']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/locations': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** All locations, inactive ones included */
    get: operations['adminListLocations']
    put?: never
    post: operations['adminCreateLocation']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/locations/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetLocation']
    put?: never
    post?: never
    /** @description Deletes a location nothing refers to; otherwise 409 `in_use`: retire it with PATCH {"active": false}. */
    delete: operations['adminDeleteLocation']
    options?: never
    head?: never
    /** @description Changes the given fields. {"active": false} retires the location (soft delete). New hours or a new zone are checked against upcoming bookings first (see on_conflict and confirm_timezone_change). */
    patch: operations['adminUpdateLocation']
    trace?: never
  }
  '/api/admin/locations/{id}/rooms': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminListLocationRooms']
    put?: never
    /** Adds a room to the location */
    post: operations['adminCreateRoom']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/locations/{id}/schedule': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Replaces the location's weekly schedule
     * @description Upcoming bookings the new hours leave outside working time: 409 `bookings_outside_hours`, unless on_conflict is "keep".
     */
    put: operations['adminSetLocationSchedule']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/notifications': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The notifications sent or failed, newest first
     * @description One record per notification, recipient, channel and destination, written once its attempt had a final result. Filter by booking or status; a page at a time.
     */
    get: operations['adminListNotifications']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/overrides': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Overrides, filtered by target and by dates they touch */
    get: operations['adminListOverrides']
    put?: never
    /** @description Exactly one of location_id, specialist_id, room_id. `closed`: the dates are closed (no intervals); `blocked`: the intervals are closed; `open`: the intervals replace the weekly schedule. Dates are in the location's zone, inclusive, at most 366 days apart, from today on. */
    post: operations['adminCreateOverride']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/overrides/bulk': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * One override for many specialists, or for a whole location (asynchronous)
     * @description `location_id`: one location override (e.g. closed for a holiday), which closes or changes its specialists and rooms alike, then recalculates them all for those dates. `specialist_ids`: one override per specialist. Kinds and intervals as in POST /api/admin/overrides. A job that runs again never writes the same override twice.
     */
    post: operations['adminBulkCreateOverrides']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/overrides/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetOverride']
    put?: never
    post?: never
    delete: operations['adminDeleteOverride']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/packages': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** All package definitions, inactive ones included */
    get: operations['adminListPackages']
    put?: never
    post: operations['adminCreatePackage']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/packages/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetPackage']
    put?: never
    post?: never
    /** @description Deletes a package nobody bought; otherwise 409 `in_use`: withdraw it with PATCH {"active": false}. */
    delete: operations['adminDeletePackage']
    options?: never
    head?: never
    /** @description Changes the given fields; packages clients already bought keep what they bought. {"active": false} withdraws it from sale. */
    patch: operations['adminUpdatePackage']
    trace?: never
  }
  '/api/admin/queue-board/code': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A one-time code that opens the queue board in a browser
     * @description Open `url` within 60 s: it works once, sets the board's cookie and leads on to the board. The board then stays open while your login session does, for at most 2 hours.
     */
    post: operations['adminCreateQueueBoardCode']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/rooms': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminListRooms']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/rooms/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetRoom']
    put?: never
    post?: never
    /** @description Deletes a room no service lists and no booking held; otherwise 409 `in_use`: retire it with PATCH {"active": false}. */
    delete: operations['adminDeleteRoom']
    options?: never
    head?: never
    /** @description Renames or (de)activates a room. {"active": false} retires it (soft delete). */
    patch: operations['adminUpdateRoom']
    trace?: never
  }
  '/api/admin/schedules/bulk': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Change the weekly schedule of many specialists (asynchronous, with progress)
     * @description Targets: `specialist_ids`, or `location_id` (its active specialists). Change: `schedule` replaces the whole week; `patch` replaces the days it names ({"5": [["10:00","14:00"]], "6": null}: null is a day off). `effective_from` (a local date from today, at most a year ahead): the new schedule applies from that date on; until then every date keeps its old hours through specialist overrides written by the job (reason "bulk-…: the previous weekly hours…"). Answers 202 with the job id at once; follow it at GET /api/admin/jobs/:id. An Idempotency-Key makes a repeated request find the same job.
     */
    post: operations['adminBulkSetSchedules']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/schedules/bulk/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * What a bulk schedule change would leave outside working time (changes nothing)
     * @description The same body as POST /api/admin/schedules/bulk, checked the same way. Each specialist's change is staged in a transaction that is rolled back (bridging overrides for a later `effective_from` included), and the upcoming bookings it would leave outside the new hours are listed, so the admin decides on `on_conflict` before anything is applied.
     */
    post: operations['adminPreviewBulkSchedules']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/service-categories': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** All service categories, by position then name */
    get: operations['adminListServiceCategories']
    put?: never
    post: operations['adminCreateServiceCategory']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/service-categories/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** @description Deletes a category no service names; otherwise 409 `in_use`: move its services to another category (or to none, `category_id: null`) first. */
    delete: operations['adminDeleteServiceCategory']
    options?: never
    head?: never
    /** Renames or moves a category */
    patch: operations['adminUpdateServiceCategory']
    trace?: never
  }
  '/api/admin/services': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** All services, inactive ones included */
    get: operations['adminListServices']
    put?: never
    post: operations['adminCreateService']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/services/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetService']
    put?: never
    post?: never
    /** @description Deletes a service nothing refers to; otherwise 409 `in_use`: retire it with PATCH {"active": false}. */
    delete: operations['adminDeleteService']
    options?: never
    head?: never
    /** @description Changes the given fields; existing bookings keep the duration and price they were made with. {"active": false} retires the service (soft delete). */
    patch: operations['adminUpdateService']
    trace?: never
  }
  '/api/admin/services/{id}/rooms': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /** Replaces the rooms the service can use ([]: it needs no room) */
    put: operations['adminSetServiceRooms']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/settings': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The company's settings, every key with its value in force. */
    get: operations['adminGetSettings']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /** Changes some settings; answers all of them, with the recalc a longer horizon started. */
    patch: operations['adminUpdateSettings']
    trace?: never
  }
  '/api/admin/specialists': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** All specialists, inactive ones included, optionally filtered */
    get: operations['adminListSpecialists']
    put?: never
    /** @description Give `user_id` to make an existing user a specialist, or `name` (with `phone`/`email`) to create the user too. The user gets the "specialist" role. */
    post: operations['adminCreateSpecialist']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['adminGetSpecialist']
    put?: never
    post?: never
    /** @description Deletes a specialist without bookings (the user stays, without the "specialist" role); otherwise 409 `in_use`: retire them with PATCH {"active": false}. */
    delete: operations['adminDeleteSpecialist']
    options?: never
    head?: never
    /** @description Changes the given fields (name, phone and email are the user's). {"active": false} retires the specialist (soft delete): no new slots are offered, existing bookings stay. New hours (or a new location) are checked against upcoming bookings first (see on_conflict). */
    patch: operations['adminUpdateSpecialist']
    trace?: never
  }
  '/api/admin/specialists/{id}/calendar-import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import an .ics file: its busy times become blocks, replacing the previous import of the source
     * @description Reads the file as the preview does, then in one transaction deletes the blocks of the previous import of the same source and writes the new ones (`blocked` overrides, as /api/me/blocks creates). Bookings the busy times collide with are kept and listed. The affected dates' slots are recalculated (`recalc`).
     */
    post: operations['adminApplyCalendarImport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/calendar-import/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * What importing an .ics file would block (writes nothing)
     * @description The busy times of the file inside the booking horizon (today → horizon in the specialist's location zone; RRULE, EXDATE and RECURRENCE-ID expanded; cancelled and transparent events skipped and listed in `skipped` with excluded dates), the blocks they would become (15-minute cells, local time), the bookings they collide with, and the previous import of the same source that applying would replace. An unknown time zone is 422 `unknown_time_zone`, naming it.
     */
    post: operations['adminPreviewCalendarImport']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/calendar-import/{source}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** Remove an imported calendar and its blocks */
    delete: operations['adminDeleteCalendarImport']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/calendar-imports': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** A specialist's imported calendars */
    get: operations['adminListCalendarImports']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/invitation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A one-time code (and link) with which the specialist sets a password and logs in
     * @description Valid 7 days, used once; a new one revokes the specialist's earlier codes.
     */
    post: operations['adminInviteSpecialist']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/photo': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Uploads (or replaces) the specialist's photo
     * @description The body is the image itself, a JPEG, PNG or WebP image (Content-Type image/jpeg, image/png, image/webp), at most 2 MB. The bytes must be what the Content-Type says (their signature is checked): another media type answers 415, a larger body 413, bytes of another kind 422 `invalid_image`. The answer gives the new `photo_url`, which the specialist answers carry from now on.
     */
    put: operations['adminPutSpecialistPhoto']
    post?: never
    /** Removes the specialist's photo (the site shows their initials) */
    delete: operations['adminDeleteSpecialistPhoto']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/schedule': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Replaces the specialist's weekly schedule
     * @description Upcoming bookings the new hours leave outside working time: 409 `bookings_outside_hours`, unless on_conflict is "keep".
     */
    put: operations['adminSetSpecialistSchedule']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/admin/specialists/{id}/services': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Replaces the services the specialist performs
     * @description price and duration_minutes, left out or null, are the service’s own.
     */
    put: operations['adminSetSpecialistServices']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/invitation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Uses an invitation code: sets the password (and a missing e-mail or phone); logs in */
    post: operations['acceptInvitation']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Log in with an e-mail or phone and the password. */
    post: operations['login']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/logout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Ends the current session. */
    post: operations['logout']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/register': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Register with a phone and/or an e-mail and a password; logs the new client in. */
    post: operations['register']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/telegram': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Mini App login: exchanges the signed Telegram initData for a session (the same initData works again until it is older than the window). */
    post: operations['loginWithTelegram']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/telegram-widget': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Web login with the Telegram Login Widget: exchanges its signed data for a session. */
    post: operations['loginWithTelegramWidget']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Own bookings (a specialist: theirs; admins: any, with filters) */
    get: operations['listBookings']
    put?: never
    /**
     * Book a service (an intent processed by the specialist queue)
     * @description With an Idempotency-Key, a retry answers the first outcome before anything is checked again: the booking, or its 402/409 refusal even once the time is free or the wallet topped up (a new attempt takes a new key). A refusal of the request itself (403, 404, 422) keeps nothing. Admins name the client (client_id, their own id to book themselves); client_id, duration_minutes and allow_out_of_hours from anyone else are 403. A location_id must be the named specialist’s.
     */
    post: operations['createBooking']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/quote': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Preview a booking: price, discount, how it would be paid, cancellation terms
     * @description Answers what POST /api/bookings would make of the same body now, without booking: the price after the best personal discount (0 for a package visit), the payment `auto` would choose, and the cancellation terms as fields and in words. A booking that would be refused for its payment (402) still gets 200, with the refusal in `refusal`. Without specialist_id the first specialist free at that time is quoted, as a booking would go to them first.
     */
    post: operations['quoteBooking']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['getBooking']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}/cancel': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Cancel a booking */
    post: operations['cancelBooking']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}/complete': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Mark a booking as done */
    post: operations['completeBooking']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}/history': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Every transition of the booking: who, when, from → to, why */
    get: operations['getBookingHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}/no-show': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Mark a booking as a no-show */
    post: operations['markBookingNoShow']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/bookings/{id}/reschedule': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Move a booking (atomic) */
    post: operations['rescheduleBooking']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/calendar/{token}.ics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A calendar feed (iCalendar)
     * @description For calendar apps: the URL is the credential. Answers 304 when If-None-Match has the current ETag.
     */
    get: operations['getCalendarFeed']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/company': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The company, how far ahead it can be booked, and its cancellation terms */
    get: operations['getCompany']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/intents/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** An intent: pending, or its outcome */
    get: operations['getIntent']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/locations': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Open locations */
    get: operations['listLocations']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The logged-in user with roles. */
    get: operations['getMe']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /** Changes the own name, language, e-mail or phone (null removes a contact). */
    patch: operations['updateMe']
    trace?: never
  }
  '/api/me/blocks': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** My blocked time */
    get: operations['listMyBlocks']
    put?: never
    /**
     * Block some of my time (intervals) or whole days
     * @description Dates in my location's zone, from today on.
     */
    post: operations['createMyBlock']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/blocks/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** Remove one of my blocks */
    delete: operations['deleteMyBlock']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/calendar-feed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Whether my calendar feed exists */
    get: operations['getMyCalendarFeed']
    put?: never
    /**
     * Open my calendar feed, or replace its URL
     * @description Returns the feed URLs once; an earlier URL of the same feed stops working. Only a hash of the token is kept.
     */
    post: operations['openMyCalendarFeed']
    /**
     * Revoke my calendar feed
     * @description Its URL stops working at once; `revoked` is false when there was none.
     */
    delete: operations['revokeMyCalendarFeed']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/packages': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** My packages with what remains of them, newest first (expired ones included) */
    get: operations['listMyPackages']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/password': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Changes the own password; ends the user's other sessions.
     * @description current_password is required when the account has a password; an account without one (made through Telegram) sets its first password with new_password alone.
     */
    post: operations['changePassword']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/push-subscriptions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Store this browser's push subscription
     * @description Idempotent per endpoint: 201 when new, 200 when it was known (its keys are updated).
     */
    post: operations['savePushSubscription']
    /**
     * Remove this browser's push subscription
     * @description `deleted` is false when the caller had no subscription with this endpoint.
     */
    delete: operations['deletePushSubscription']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/telegram': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Links a Telegram account to the logged-in user: send the Mini App initData, or the Login Widget data as `widget`. */
    post: operations['linkTelegram']
    /** Unlinks the Telegram account; refused while Telegram is the only way to log in (no password with an e-mail or phone). */
    delete: operations['unlinkTelegram']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/telegram/link-code': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A one-time code that links this account to Telegram when sent to the bot
     * @description Valid 10 minutes, used once; a new code replaces the earlier one. Send it to the bot as `/link <code>`, or open `deep_link`.
     */
    post: operations['createTelegramLinkCode']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me/wallet': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * My balance and ledger, newest first
     * @description Pages back with before_id = the id of the last transaction seen. A client who never had a wallet has a balance of 0.
     */
    get: operations['getMyWallet']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/packages': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Packages on sale */
    get: operations['listPackages']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/packages/{id}/purchase': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Buys a package on sale from my wallet
     * @description Needs an Idempotency-Key header (428 without one): a retry with the same key returns the first outcome — the purchase, or its 402 insufficient_funds / 409 not_on_sale, even once the wallet is topped up (a new attempt takes a new key); the same key for another package is 422 idempotency_key_reused. A refusal writes nothing else.
     */
    post: operations['purchasePackage']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/push/config': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The VAPID public key to subscribe with
     * @description For `PushManager.subscribe({applicationServerKey})`; 404 `push_disabled` when push is off.
     */
    get: operations['getPushConfig']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/services': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Services that can be booked
     * @description Ordered by their category (its position, then its name; services without one last), then by name.
     */
    get: operations['listServices']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/slots': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Free start times for a service, 60 days ahead by default */
    get: operations['getSlots']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/slots/stream': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Live changes of the free times of a service (server-sent events)
     * @description text/event-stream. Each `slots` event is JSON `{location_id, specialist_id, room_id, dates}`: the times of those local dates may have changed; re-read them with GET /api/slots and the same service_id, specialist_id and location_id. Comment lines (`: ping`) keep the stream open. The same checks and errors as GET /api/slots.
     */
    get: operations['streamSlots']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/specialists': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Specialists who can be booked, optionally for a service and at a location */
    get: operations['listSpecialists']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/specialists/{id}/photo': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The specialist's photo (image bytes)
     * @description Answers with ETag; If-None-Match with it answers 304. With `v` equal to the current version (as in `photo_url`) the answer may be cached for a year; otherwise for five minutes. 404: no photo.
     */
    get: operations['getSpecialistPhoto']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/healthz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['getHealth']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/internal/slots/recalc': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Enqueue a recalc of some dates of a specialist (or a room) */
    post: operations['internalRecalcSlots']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/internal/telegram/link': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** The bot's `/link <code>`: links the Telegram person to the code's user and uses the code up; the account the bot had created for them goes if it holds nothing. */
    post: operations['internalTelegramLink']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/internal/telegram/session': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** The bot's session for a Telegram person: found by tg_id (username refreshed) or created as a client, with their stored language and roles. */
    post: operations['internalTelegramSession']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/metrics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Prometheus metrics; needs the internal token in x-internal-token. */
    get: operations['getMetrics']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/readyz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['getReadiness']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Booking: {
      base_price: number
      break_minutes: number
      /** @description The cancellation terms copied into the booking when it was made. */
      cancellation: {
        /** @description A later cancellation uses up the package visit. */
        consumes_visit: boolean
        /** @description A client cancels for free until then (inclusive); the grace after booking included. */
        free_until: string
        /** @description That share in minor units. */
        late_fee: number
        /** @description Share of the prepayment kept later; 0 when nothing can be kept (package, on site). */
        late_fee_percent: number
        /** @description The terms in English, built from the fields above. */
        text: string
      } | null
      /** @description Who the booking is for (in lists and reads of bookings the caller may see). */
      client?: {
        id: number
        name: string
        phone: string | null
      }
      client_id: number
      client_package_id: number | null
      created_at: string
      date: string
      discount_amount: number
      duration_minutes: number
      end: string
      id: number
      location_id: number
      notes: string
      out_of_hours: boolean
      payment_method: string
      price: number
      room_id: number | null
      service_id: number
      /** @description What ending the booking did to the money; null unless cancelled, rejected or a no-show. */
      settlement: {
        /** @description Kept from the wallet payment, minor units. */
        fee: number
        /** @description free_window, grace_period, by_business, late or no_show. */
        reason: string
        /** @description Given back to the wallet, minor units. */
        refund: number
        /** @description The same in English. */
        text: string
        /** @description The package visit was given back. */
        visit_restored: boolean
      } | null
      source: string
      specialist_id: number
      start: string
      status: string
      time: string
      timezone: string
    }
    /** @description A refusal: `error` is a stable code, `message` says what to do. */
    Error: {
      error: string
      message: string
    } & {
      [key: string]: unknown
    }
    /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
    IntentAccepted: {
      intent_id: number
      status_url: string
    }
    Location: {
      address: string
      id: number
      name: string
      timezone: string
    }
    Package: {
      id: number
      items: {
        count: number
        service_id: number
      }[]
      name: string
      /** @description Minor units (kopecks). */
      price: number
      valid_days: number
    }
    Service: {
      break_minutes: number
      /** @description The group the site lists it under; null: none. */
      category: {
        id: number
        name: string
        /** @description Categories are listed by position, then by name. */
        position: number
      } | null
      description: string
      /** @description The service's standard duration; a specialist may have their own (see the range). */
      duration_minutes: number
      duration_minutes_from: number
      duration_minutes_to: number
      id: number
      name: string
      needs_room: boolean
      /** @description The service's standard price in minor units; a specialist may charge their own. */
      price: number
      /** @description Lowest price that applies (minor units): show "from" when below price_to. */
      price_from: number
      /** @description Highest price that applies (minor units). */
      price_to: number
    }
    ServiceCategory: {
      id: number
      name: string
      /** @description Categories are listed by position, then by name. */
      position: number
    }
    Slots: {
      /** @description With specialist_id: how long the service takes with them; else null. */
      duration_minutes: number | null
      locations: {
        /** @description Local dates with at least one free time, ascending; times as HH:MM. */
        days: {
          date: string
          times: string[]
        }[]
        duration_minutes_from: number
        duration_minutes_to: number
        location_id: number
        /** @description Lowest price among the specialists asked about here (minor units): "from" when below price_to. */
        price_from: number
        price_to: number
        timezone: string
      }[]
      /** @description With specialist_id: the price charged with that specialist (minor units); else null. */
      price: number | null
      service_id: number
      specialist_id: number | null
    }
    Specialist: {
      /** @description With service_id: its duration here. */
      duration_minutes?: number
      id: number
      location_id: number
      name: string
      /** @description Their photo (same origin, versioned: it changes with the photo); null: none. */
      photo_url: string | null
      /** @description With service_id: the price of that service here (minor units). */
      price?: number
      service_ids: number[]
      /** @description What this specialist charges for each service and how long it takes with them. */
      services: {
        duration_minutes: number
        /** @description Minor units (kopecks), as charged. */
        price: number
        service_id: number
      }[]
      title: string
    }
    User: {
      email: string | null
      id: number
      /** @enum {string} */
      language: 'ru' | 'en'
      name: string
      phone: string | null
      roles: ('client' | 'specialist' | 'admin')[]
      specialist_id: number | null
      tg_id: number | null
      tg_username: string | null
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  adminGetAnalytics: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            clients: {
              /** @description Clients with a booking in the period (not cancelled or rejected). */
              clients: number
              /** @description Whose first such booking ever is in the period. */
              new: number
              /** @description Who had one before the period. */
              returning: number
            }
            heatmap: {
              booked_minutes: number
              /** @description Local hour. */
              hour: number
              specialist_id: number
              /** @description 0 = Monday … 6 = Sunday. */
              weekday: number
            }[]
            outcomes: {
              /** @description Bookings of the period, every status but rejected. */
              bookings: number
              /** @description cancelled / bookings; null without bookings. */
              cancellation_rate: number | null
              cancelled: number
              completed: number
              group: 'total' | 'specialist'
              /** @description 0 on the total. */
              id: number
              name: string
              no_show: number
              /** @description no_show / bookings; null without bookings. */
              no_show_rate: number | null
            }[]
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            revenue: {
              /** @description Completed bookings. */
              bookings: number
              group: 'total' | 'service' | 'specialist'
              /** @description 0 on the total. */
              id: number
              /** @description Their list prices before discounts, minor units. */
              list_value: number
              name: string
              /** @description Of which paid with a package visit (they count 0 here). */
              package_visits: number
              /** @description Charged for them, minor units, after discounts. */
              revenue: number
            }[]
            utilisation: {
              /** @description Per local date (dates with nothing booked or open left out). */
              days: {
                /** @description Working minutes: own hours ∩ the location’s, overrides applied. */
                available_minutes: number
                /** @description Service minutes of bookings that hold time, by their local start date. */
                booked_minutes: number
                /**
                 * Format: date
                 * @description Null on a row of the whole period.
                 */
                date: string | null
                id: number
                location_id: number
                name: string
                scope: 'specialist' | 'room' | 'location'
                /** @description booked / available (4 decimals); null when nothing was available. */
                utilisation: number | null
              }[]
              /** @description Every specialist, room and location, whole period. */
              totals: {
                /** @description Working minutes: own hours ∩ the location’s, overrides applied. */
                available_minutes: number
                /** @description Service minutes of bookings that hold time, by their local start date. */
                booked_minutes: number
                /**
                 * Format: date
                 * @description Null on a row of the whole period.
                 */
                date: string | null
                id: number
                location_id: number
                name: string
                scope: 'specialist' | 'room' | 'location'
                /** @description booked / available (4 decimals); null when nothing was available. */
                utilisation: number | null
              }[]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetAnalyticsClients: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
        /** @description `csv` answers text/csv (as `Accept: text/csv` does); default json. */
        format?: 'json' | 'csv'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Clients of the period, new and returning */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Clients with a booking in the period (not cancelled or rejected). */
            clients: number
            /** @description Whose first such booking ever is in the period. */
            new: number
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            /** @description Who had one before the period. */
            returning: number
          }
          'text/csv': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetAnalyticsHeatmap: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
        /** @description `csv` answers text/csv (as `Accept: text/csv` does); default json. */
        format?: 'json' | 'csv'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Booked minutes per specialist, local weekday and hour */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              booked_minutes: number
              /** @description Local hour. */
              hour: number
              specialist_id: number
              /** @description 0 = Monday … 6 = Sunday. */
              weekday: number
            }[]
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            total: number
          }
          'text/csv': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetAnalyticsOutcomes: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
        /** @description `csv` answers text/csv (as `Accept: text/csv` does); default json. */
        format?: 'json' | 'csv'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Completed, cancelled and no-show bookings and their rates, in total and by specialist */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** @description Bookings of the period, every status but rejected. */
              bookings: number
              /** @description cancelled / bookings; null without bookings. */
              cancellation_rate: number | null
              cancelled: number
              completed: number
              group: 'total' | 'specialist'
              /** @description 0 on the total. */
              id: number
              name: string
              no_show: number
              /** @description no_show / bookings; null without bookings. */
              no_show_rate: number | null
            }[]
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            total: number
          }
          'text/csv': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetAnalyticsRevenue: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
        /** @description `csv` answers text/csv (as `Accept: text/csv` does); default json. */
        format?: 'json' | 'csv'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Revenue of completed bookings, in total, by service and by specialist */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** @description Completed bookings. */
              bookings: number
              group: 'total' | 'service' | 'specialist'
              /** @description 0 on the total. */
              id: number
              /** @description Their list prices before discounts, minor units. */
              list_value: number
              name: string
              /** @description Of which paid with a package visit (they count 0 here). */
              package_visits: number
              /** @description Charged for them, minor units, after discounts. */
              revenue: number
            }[]
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            total: number
          }
          'text/csv': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetAnalyticsUtilisation: {
    parameters: {
      query?: {
        /** @description First local date of the period (YYYY-MM-DD); default: 29 days before `to`. */
        from?: string
        /** @description Last local date, inclusive; default: today in the location's (or company's) zone. */
        to?: string
        /** @description One location; default: all. */
        location_id?: number
        /** @description `csv` answers text/csv (as `Accept: text/csv` does); default json. */
        format?: 'json' | 'csv'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Booked and available minutes per specialist, room and location, per day */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Per local date (dates with nothing booked or open left out). */
            days: {
              /** @description Working minutes: own hours ∩ the location’s, overrides applied. */
              available_minutes: number
              /** @description Service minutes of bookings that hold time, by their local start date. */
              booked_minutes: number
              /**
               * Format: date
               * @description Null on a row of the whole period.
               */
              date: string | null
              id: number
              location_id: number
              name: string
              scope: 'specialist' | 'room' | 'location'
              /** @description booked / available (4 decimals); null when nothing was available. */
              utilisation: number | null
            }[]
            period: {
              /** @description ISO 4217 code of every amount (minor units). */
              currency: string
              /** @description Local dates in the period. */
              days: number
              /** Format: date */
              from: string
              location_id: number | null
              /** Format: date */
              to: string
            }
            /** @description Every specialist, room and location, whole period. */
            totals: {
              /** @description Working minutes: own hours ∩ the location’s, overrides applied. */
              available_minutes: number
              /** @description Service minutes of bookings that hold time, by their local start date. */
              booked_minutes: number
              /**
               * Format: date
               * @description Null on a row of the whole period.
               */
              date: string | null
              id: number
              location_id: number
              name: string
              scope: 'specialist' | 'room' | 'location'
              /** @description booked / available (4 decimals); null when nothing was available. */
              utilisation: number | null
            }[]
          }
          'text/csv': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateBookingChain: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          allow_out_of_hours?: boolean
          client_id: number
          items: {
            duration_minutes?: number
            service_id: number
            specialist_id: number
          }[]
          notes?: string
          /** @enum {unknown} */
          payment?: 'auto' | 'wallet' | 'package' | 'on_site'
          /** @description ISO 8601 with a UTC offset ("2026-12-07T12:00:00+03:00"), or {date, time} as the local date and wall time in the location’s zone ({"date": "2026-12-07", "time": "12:00"}). */
          start: unknown
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            bookings: components['schemas']['Booking'][]
            chain_id: string
          }
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListBookingPayments: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** @description Minor units, > 0. */
              amount: number
              booking_id: number
              comment: string
              /** Format: date-time */
              created_at: string
              /** @description The admin who recorded it. */
              created_by: number | null
              id: number
              /** @enum {string} */
              method: 'cash' | 'card'
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminRecordBookingPayment: {
    parameters: {
      query?: never
      header?: {
        /** @description Required: a retry with the same key returns the first outcome and moves no money twice. */
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description Minor units, > 0. */
          amount: number
          comment?: string
          /** @enum {string} */
          method: 'cash' | 'card'
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Minor units, > 0. */
            amount: number
            booking_id: number
            comment: string
            /** Format: date-time */
            created_at: string
            /** @description The admin who recorded it. */
            created_by: number | null
            id: number
            /** @enum {string} */
            method: 'cash' | 'card'
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListClients: {
    parameters: {
      query?: {
        q?: string
        limit?: number
        offset?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** Format: date */
              birth_date: string | null
              /** Format: date-time */
              created_at: string
              email: string | null
              /** @enum {string|null} */
              gender: 'female' | 'male' | 'other' | null
              id: number
              /** @enum {string} */
              language: 'ru' | 'en'
              name: string
              notes: string | null
              phone: string | null
              roles: string[]
              tg_id: number | null
              tg_username: string | null
            }[]
            limit: number
            offset: number
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateClient: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          birth_date?: string | null
          /** @example anna@example.com */
          email?: string | null
          /** @enum {string|null} */
          gender?: 'female' | 'male' | 'other' | null
          /** @enum {string} */
          language?: 'ru' | 'en'
          name: string
          notes?: string | null
          /** @example +7 999 123-45-67 */
          phone?: string | null
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date */
            birth_date: string | null
            /** Format: date-time */
            created_at: string
            email: string | null
            /** @enum {string|null} */
            gender: 'female' | 'male' | 'other' | null
            id: number
            /** @enum {string} */
            language: 'ru' | 'en'
            name: string
            notes: string | null
            phone: string | null
            roles: string[]
            tg_id: number | null
            tg_username: string | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetClient: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date */
            birth_date: string | null
            /** Format: date-time */
            created_at: string
            email: string | null
            /** @enum {string|null} */
            gender: 'female' | 'male' | 'other' | null
            id: number
            /** @enum {string} */
            language: 'ru' | 'en'
            name: string
            notes: string | null
            phone: string | null
            roles: string[]
            tg_id: number | null
            tg_username: string | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateClient: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          birth_date?: string | null
          /** @example anna@example.com */
          email?: string | null
          /** @enum {string|null} */
          gender?: 'female' | 'male' | 'other' | null
          /** @enum {string} */
          language?: 'ru' | 'en'
          name?: string
          notes?: string | null
          /** @example +7 999 123-45-67 */
          phone?: string | null
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date */
            birth_date: string | null
            /** Format: date-time */
            created_at: string
            email: string | null
            /** @enum {string|null} */
            gender: 'female' | 'male' | 'other' | null
            id: number
            /** @enum {string} */
            language: 'ru' | 'en'
            name: string
            notes: string | null
            phone: string | null
            roles: string[]
            tg_id: number | null
            tg_username: string | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListClientDiscounts: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              client_id: number
              /** Format: date-time */
              created_at: string
              id: number
              kind: string
              note: string
              service_id: number | null
              valid_from: string | null
              valid_to: string | null
              /** @description percent: the percentage (12.5); fixed: minor units. */
              value: number
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateClientDiscount: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @enum {string} */
          kind: 'percent' | 'fixed'
          note?: string
          /** @description Only for this service; null: any service. */
          service_id?: number | null
          /**
           * Format: date-time
           * @description ISO 8601 with an offset; null: no start.
           */
          valid_from?: string | null
          /**
           * Format: date-time
           * @description Exclusive end; later than valid_from; null: no end.
           */
          valid_to?: string | null
          /** @description percent: 0.01–100 with up to two decimals (12.5); fixed: whole minor units (kopecks). */
          value: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            client_id: number
            /** Format: date-time */
            created_at: string
            id: number
            kind: string
            note: string
            service_id: number | null
            valid_from: string | null
            valid_to: string | null
            /** @description percent: the percentage (12.5); fixed: minor units. */
            value: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListClientPackages: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              expired: boolean
              /** Format: date-time */
              expires_at: string
              id: number
              items: {
                remaining: number
                service_id: number
                service_name: string
                total: number
              }[]
              name: string
              /** @description Minor units; 0 for a package granted by the salon. */
              price_paid: number
              /** Format: date-time */
              purchased_at: string
              service_package_id: number
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGrantClientPackage: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          price_paid?: number
          service_package_id: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            expired: boolean
            /** Format: date-time */
            expires_at: string
            id: number
            items: {
              remaining: number
              service_id: number
              service_name: string
              total: number
            }[]
            name: string
            /** @description Minor units; 0 for a package granted by the salon. */
            price_paid: number
            /** Format: date-time */
            purchased_at: string
            service_package_id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetClientWallet: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            balance: number
            client_id: number
            currency: string
            transactions: {
              /** @description Signed minor units: + deposit/refund, − payment. */
              amount: number
              booking_id: number | null
              client_package_id: number | null
              comment: string
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** @description Who made it, by name (in the ledger list). */
              created_by_name?: string | null
              id: number
              /** @enum {string} */
              kind: 'deposit' | 'payment' | 'refund' | 'adjustment'
            }[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminAdjustWallet: {
    parameters: {
      query?: never
      header?: {
        /** @description Required: a retry with the same key returns the first outcome and moves no money twice. */
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description Signed minor units, not 0. */
          amount: number
          comment: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description The balance now. */
            balance: number
            transaction: {
              /** @description Signed minor units: + deposit/refund, − payment. */
              amount: number
              booking_id: number | null
              client_package_id: number | null
              comment: string
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** @description Who made it, by name (in the ledger list). */
              created_by_name?: string | null
              id: number
              /** @enum {string} */
              kind: 'deposit' | 'payment' | 'refund' | 'adjustment'
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDepositToWallet: {
    parameters: {
      query?: never
      header?: {
        /** @description Required: a retry with the same key returns the first outcome and moves no money twice. */
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description Minor units, > 0. */
          amount: number
          comment?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description The balance now. */
            balance: number
            transaction: {
              /** @description Signed minor units: + deposit/refund, − payment. */
              amount: number
              booking_id: number | null
              client_package_id: number | null
              comment: string
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** @description Who made it, by name (in the ledger list). */
              created_by_name?: string | null
              id: number
              /** @enum {string} */
              kind: 'deposit' | 'payment' | 'refund' | 'adjustment'
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteDiscount: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateDiscount: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @enum {string} */
          kind?: 'percent' | 'fixed'
          note?: string
          /** @description Only for this service; null: any service. */
          service_id?: number | null
          /**
           * Format: date-time
           * @description ISO 8601 with an offset; null: no start.
           */
          valid_from?: string | null
          /**
           * Format: date-time
           * @description Exclusive end; later than valid_from; null: no end.
           */
          valid_to?: string | null
          /** @description percent: 0.01–100 with up to two decimals (12.5); fixed: whole minor units (kopecks). */
          value?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            client_id: number
            /** Format: date-time */
            created_at: string
            id: number
            kind: string
            note: string
            service_id: number | null
            valid_from: string | null
            valid_to: string | null
            /** @description percent: the percentage (12.5); fixed: minor units. */
            value: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListJobs: {
    parameters: {
      query?: {
        limit?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** @description Bookings that items done with on_conflict "keep" left outside the new hours (flagged). */
              bookings_outside_hours: {
                client_id: number
                client_name?: string
                /** Format: date-time */
                end: string
                id: number
                /** Format: date-time */
                new_start?: string
                service_id: number
                service_name?: string
                specialist_id: number
                specialist_name?: string
                /** Format: date-time */
                start: string
              }[]
              /** Format: date-time */
              created_at: string
              /** @description Items that failed for good. A schedule item refused because upcoming bookings would fall outside the new hours (on_conflict "refuse") lists them in `bookings` and saved nothing. */
              failures: {
                bookings?: {
                  client_id: number
                  client_name?: string
                  /** Format: date-time */
                  end: string
                  id: number
                  /** Format: date-time */
                  new_start?: string
                  service_id: number
                  service_name?: string
                  specialist_id: number
                  specialist_name?: string
                  /** Format: date-time */
                  start: string
                }[]
                location_id?: number
                reason: string
                room_id?: number
                specialist_id: number | null
              }[]
              /** Format: date-time */
              finished_at: string | null
              id: string
              /** @enum {string} */
              kind: 'bulk_schedule' | 'bulk_override' | 'recalc'
              progress: {
                done: number
                total: number
              }
              /** @description Bulk jobs: waiting (nothing finished yet), active, completed (every item finished; failed items are in `failures` and can be retried), failed. Recalc jobs: their queue state. */
              state: string
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetJob: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Bookings that items done with on_conflict "keep" left outside the new hours (flagged). */
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            /** Format: date-time */
            created_at: string
            /** @description Items that failed for good. A schedule item refused because upcoming bookings would fall outside the new hours (on_conflict "refuse") lists them in `bookings` and saved nothing. */
            failures: {
              bookings?: {
                client_id: number
                client_name?: string
                /** Format: date-time */
                end: string
                id: number
                /** Format: date-time */
                new_start?: string
                service_id: number
                service_name?: string
                specialist_id: number
                specialist_name?: string
                /** Format: date-time */
                start: string
              }[]
              location_id?: number
              reason: string
              room_id?: number
              specialist_id: number | null
            }[]
            /** Format: date-time */
            finished_at: string | null
            id: string
            /** @enum {string} */
            kind: 'bulk_schedule' | 'bulk_override' | 'recalc'
            progress: {
              done: number
              total: number
            }
            /** @description Bulk jobs: waiting (nothing finished yet), active, completed (every item finished; failed items are in `failures` and can be retried), failed. Recalc jobs: their queue state. */
            state: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminRetryJob: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            job_id: string
            retried: {
              location_id?: number
              room_id?: number
              specialist_id: number | null
            }[]
            status_url: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminJournal: {
    parameters: {
      query: {
        location_id: number
        /** @description First local date shown; default today there. */
        date?: string
        /** @description 1 (a day) or 7 (a week). */
        days?: 1 | 7
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            blocks: {
              /** Format: date */
              date_from: string
              /** Format: date */
              date_to: string
              intervals: [string, string][]
              /** @enum {string} */
              kind: 'closed' | 'blocked'
              reason: string
              specialist_id: number
            }[]
            bookings: {
              chain_id: string | null
              client_id: number
              client_name: string
              client_package_id: number | null
              client_phone: string | null
              /** Format: date */
              date: string
              duration_minutes: number
              /** Format: date */
              end_date: string
              end_time: string
              id: number
              out_of_hours: boolean
              /** @enum {string} */
              payment_method: 'package' | 'wallet' | 'on_site'
              /** @description Minor units. */
              price: number
              service_id: number
              service_name: string
              specialist_id: number
              /** @enum {string} */
              status: 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'
              time: string
            }[]
            dates: string[]
            /** @description Working intervals per specialist and date; a day off has none. */
            hours: {
              /** Format: date */
              date: string
              intervals: [string, string][]
              specialist_id: number
            }[]
            location: {
              id: number
              name: string
              timezone: string
            }
            specialists: {
              id: number
              name: string
              position: number
            }[]
            /** Format: date */
            today: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListLocations: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              address: string
              id: number
              name: string
              timezone: string
              work_schedule: {
                [key: string]: string[][]
              }
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateLocation: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          address?: string
          name: string
          /** @example Europe/Moscow */
          timezone: string
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule?: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            address: string
            id: number
            name: string
            recalc: {
              job_ids: string[]
            } | null
            timezone: string
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetLocation: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            address: string
            id: number
            name: string
            timezone: string
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteLocation: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateLocation: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          address?: string
          /** @description A new time zone keeps the instants of upcoming bookings but changes their local times: without true, a location with upcoming bookings answers 409 `has_future_bookings` listing them. */
          confirm_timezone_change?: boolean
          name?: string
          /**
           * @description Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers 409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags them out_of_hours and lists them in `bookings_outside_hours`.
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /** @example Europe/Moscow */
          timezone?: string
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule?: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            address: string
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            id: number
            name: string
            recalc: {
              job_ids: string[]
            } | null
            timezone: string
            timezone_changed_bookings: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListLocationRooms: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              id: number
              location_id: number
              name: string
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateRoom: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          name: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            location_id: number
            name: string
            recalc: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminSetLocationSchedule: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers 409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags them out_of_hours and lists them in `bookings_outside_hours`.
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            address: string
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            id: number
            name: string
            recalc: {
              job_ids: string[]
            } | null
            timezone: string
            timezone_changed_bookings: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListNotifications: {
    parameters: {
      query?: {
        booking_id?: number
        status?: 'sent' | 'failed'
        limit?: number
        offset?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              booking_id: number
              /** @enum {string} */
              channel: 'telegram' | 'push'
              /** Format: date-time */
              created_at: string
              /** @description The Telegram chat id, or the push endpoint. */
              destination: string
              /** @description booking.created, booking.cancelled, …, booking.reminder */
              event: string
              id: number
              /** @description The notification outbox row (one booking event or reminder). */
              outbox_id: number
              /** @description Why it failed; null when sent. */
              reason: string | null
              recipient_name: string
              /** @enum {string} */
              status: 'sent' | 'failed'
              user_id: number
            }[]
            limit: number
            offset: number
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListOverrides: {
    parameters: {
      query?: {
        location_id?: number
        specialist_id?: number
        room_id?: number
        /** @description Overrides ending on or after this date. */
        from?: string
        /** @description Overrides starting on or before this date. */
        to?: string
        limit?: number
        offset?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** Format: date */
              date_from: string
              /** Format: date */
              date_to: string
              id: number
              intervals: string[][]
              /** @enum {string} */
              kind: 'closed' | 'blocked' | 'open'
              location_id: number | null
              reason: string
              room_id: number | null
              specialist_id: number | null
            }[]
            limit: number
            offset: number
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateOverride: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          date_from: string
          /** Format: date */
          date_to: string
          /**
           * @description A list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid.
           * @example [
           *       [
           *         "09:00",
           *         "13:00"
           *       ]
           *     ]
           */
          intervals?: unknown[]
          /** @enum {string} */
          kind: 'closed' | 'blocked' | 'open'
          location_id?: number
          /**
           * @description Specialist and location overrides: upcoming bookings on these dates that the override leaves outside working time. "refuse": 409 `bookings_outside_hours` listing them, nothing saved; "keep": saved, the bookings flagged out_of_hours and listed in `bookings_outside_hours`. Left out (and for rooms), bookings are not looked at.
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          reason?: string
          room_id?: number
          specialist_id?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description With on_conflict "keep": the bookings on these dates now outside hours (flagged). */
            bookings_outside_hours?: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            /** Format: date-time */
            created_at: string
            created_by: number | null
            /** Format: date */
            date_from: string
            /** Format: date */
            date_to: string
            id: number
            intervals: string[][]
            /** @enum {string} */
            kind: 'closed' | 'blocked' | 'open'
            location_id: number | null
            reason: string
            recalc: {
              job_ids: string[]
            } | null
            room_id: number | null
            specialist_id: number | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminBulkCreateOverrides: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          date_from: string
          /** Format: date */
          date_to: string
          /**
           * @description A list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid.
           * @example [
           *       [
           *         "09:00",
           *         "13:00"
           *       ]
           *     ]
           */
          intervals?: unknown[]
          /** @enum {string} */
          kind: 'closed' | 'blocked' | 'open'
          location_id?: number
          reason?: string
          /** @description Up to 1000 specialist ids, each once. */
          specialist_ids?: number[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            job_id: string
            status_url: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetOverride: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date-time */
            created_at: string
            created_by: number | null
            /** Format: date */
            date_from: string
            /** Format: date */
            date_to: string
            id: number
            intervals: string[][]
            /** @enum {string} */
            kind: 'closed' | 'blocked' | 'open'
            location_id: number | null
            reason: string
            room_id: number | null
            specialist_id: number | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteOverride: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListPackages: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              id: number
              items: {
                count: number
                service_id: number
              }[]
              name: string
              /** @description Minor units (kopecks). */
              price: number
              valid_days: number
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreatePackage: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          items: {
            count: number
            service_id: number
          }[]
          name: string
          /** @description Minor units (kopecks). */
          price: number
          /** @description Days from purchase until it expires. */
          valid_days: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            items: {
              count: number
              service_id: number
            }[]
            name: string
            /** @description Minor units (kopecks). */
            price: number
            valid_days: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetPackage: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            items: {
              count: number
              service_id: number
            }[]
            name: string
            /** @description Minor units (kopecks). */
            price: number
            valid_days: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeletePackage: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdatePackage: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          items?: {
            count: number
            service_id: number
          }[]
          name?: string
          /** @description Minor units (kopecks). */
          price?: number
          /** @description Days from purchase until it expires. */
          valid_days?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            items: {
              count: number
              service_id: number
            }[]
            name: string
            /** @description Minor units (kopecks). */
            price: number
            valid_days: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateQueueBoardCode: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            code: string
            /** Format: date-time */
            expires_at: string
            url: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListRooms: {
    parameters: {
      query?: {
        location_id?: number
        active?: boolean
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              id: number
              location_id: number
              name: string
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetRoom: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            location_id: number
            name: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteRoom: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateRoom: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          name?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            id: number
            location_id: number
            name: string
            recalc: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminBulkSetSchedules: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          effective_from?: string
          location_id?: number
          /**
           * @description Per specialist: upcoming bookings the new hours leave outside working time make that specialist's item fail with them listed in the job's `failures[].bookings`, saving nothing ("refuse", the default), or are kept, flagged out_of_hours and listed in the job's `bookings_outside_hours` ("keep").
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /** @description Keys "0"…"6": intervals, or null. */
          patch?: Record<string, never>
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          schedule?: Record<string, never>
          /** @description Up to 1000 specialist ids, each once. */
          specialist_ids?: number[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            job_id: string
            status_url: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminPreviewBulkSchedules: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          effective_from?: string
          location_id?: number
          /**
           * @description Per specialist: upcoming bookings the new hours leave outside working time make that specialist's item fail with them listed in the job's `failures[].bookings`, saving nothing ("refuse", the default), or are kept, flagged out_of_hours and listed in the job's `bookings_outside_hours` ("keep").
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /** @description Keys "0"…"6": intervals, or null. */
          patch?: Record<string, never>
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          schedule?: Record<string, never>
          /** @description Up to 1000 specialist ids, each once. */
          specialist_ids?: number[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            /** @description Specialists the change targets. */
            specialists: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListServiceCategories: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['ServiceCategory'][]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateServiceCategory: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          name: string
          /** @description Categories are listed by position, then by name; 0 when left out. */
          position?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ServiceCategory']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteServiceCategory: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateServiceCategory: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          name?: string
          /** @description Categories are listed by position, then by name; 0 when left out. */
          position?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ServiceCategory']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListServices: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              break_minutes: number
              /** @description Its service category; null: none. */
              category_id: number | null
              description: string
              duration_minutes: number
              id: number
              name: string
              /** @description Minor units (kopecks). */
              price: number
              /** @description Rooms it can use; empty: it needs no room. */
              room_ids: number[]
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateService: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @description Buffer after the service. */
          break_minutes?: number
          /** @description Its category (GET /api/admin/service-categories); null: none. Unknown: 422 `unknown_category`. */
          category_id?: number | null
          description?: string
          duration_minutes: number
          name: string
          /** @description Minor units (kopecks). */
          price: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            break_minutes: number
            /** @description Its service category; null: none. */
            category_id: number | null
            description: string
            duration_minutes: number
            id: number
            name: string
            /** @description Minor units (kopecks). */
            price: number
            recalc: {
              job_ids: string[]
            } | null
            /** @description Rooms it can use; empty: it needs no room. */
            room_ids: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetService: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            break_minutes: number
            /** @description Its service category; null: none. */
            category_id: number | null
            description: string
            duration_minutes: number
            id: number
            name: string
            /** @description Minor units (kopecks). */
            price: number
            /** @description Rooms it can use; empty: it needs no room. */
            room_ids: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteService: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateService: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @description Buffer after the service. */
          break_minutes?: number
          /** @description Its category (GET /api/admin/service-categories); null: none. Unknown: 422 `unknown_category`. */
          category_id?: number | null
          description?: string
          duration_minutes?: number
          name?: string
          /** @description Minor units (kopecks). */
          price?: number
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            break_minutes: number
            /** @description Its service category; null: none. */
            category_id: number | null
            description: string
            duration_minutes: number
            id: number
            name: string
            /** @description Minor units (kopecks). */
            price: number
            recalc: {
              job_ids: string[]
            } | null
            /** @description Rooms it can use; empty: it needs no room. */
            room_ids: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminSetServiceRooms: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          room_ids: number[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            break_minutes: number
            /** @description Its service category; null: none. */
            category_id: number | null
            description: string
            duration_minutes: number
            id: number
            name: string
            /** @description Minor units (kopecks). */
            price: number
            recalc: {
              job_ids: string[]
            } | null
            /** @description Rooms it can use; empty: it needs no room. */
            room_ids: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetSettings: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description How many days ahead clients see and book times, today included. */
            booking_horizon_days: number
            /** @description Minutes after booking in which a client cancels for free even when it is late; 0: none. */
            cancellation_grace_minutes: number
            /** @description A client cancels for free until this many hours before the start. */
            free_cancellation_hours: number
            /** @description Whether a later cancellation or a no-show of a package booking uses up the visit. */
            late_cancellation_consumes_visit: boolean
            /** @description Share of a wallet payment kept on a later cancellation or a no-show: 0–100, two decimals. */
            late_cancellation_fee_percent: number
            /** @description Times starting sooner than this are not offered to clients. */
            min_lead_minutes: number
            /**
             * @description "required": clients pay from a package or the wallet when they book.
             * @enum {string}
             */
            prepayment: 'none' | 'required'
            /** @description Reminders before a booking, in minutes (e.g. [1440, 120]); [] sends none. */
            reminder_offsets_minutes: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateSettings: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description How many days ahead clients see and book times, today included. */
          booking_horizon_days?: number
          /** @description Minutes after booking in which a client cancels for free even when it is late; 0: none. */
          cancellation_grace_minutes?: number
          /** @description A client cancels for free until this many hours before the start. */
          free_cancellation_hours?: number
          /** @description Whether a later cancellation or a no-show of a package booking uses up the visit. */
          late_cancellation_consumes_visit?: boolean
          /** @description Share of a wallet payment kept on a later cancellation or a no-show: 0–100, two decimals. */
          late_cancellation_fee_percent?: number
          /** @description Times starting sooner than this are not offered to clients. */
          min_lead_minutes?: number
          /**
           * @description "required": clients pay from a package or the wallet when they book.
           * @enum {string}
           */
          prepayment?: 'none' | 'required'
          /** @description Reminders before a booking, in minutes (e.g. [1440, 120]); [] sends none. */
          reminder_offsets_minutes?: number[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description How many days ahead clients see and book times, today included. */
            booking_horizon_days: number
            /** @description Minutes after booking in which a client cancels for free even when it is late; 0: none. */
            cancellation_grace_minutes: number
            /** @description A client cancels for free until this many hours before the start. */
            free_cancellation_hours: number
            /** @description Whether a later cancellation or a no-show of a package booking uses up the visit. */
            late_cancellation_consumes_visit: boolean
            /** @description Share of a wallet payment kept on a later cancellation or a no-show: 0–100, two decimals. */
            late_cancellation_fee_percent: number
            /** @description Times starting sooner than this are not offered to clients. */
            min_lead_minutes: number
            /**
             * @description "required": clients pay from a package or the wallet when they book.
             * @enum {string}
             */
            prepayment: 'none' | 'required'
            recalc: {
              job_ids: string[]
            } | null
            /** @description Reminders before a booking, in minutes (e.g. [1440, 120]); [] sends none. */
            reminder_offsets_minutes: number[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListSpecialists: {
    parameters: {
      query?: {
        location_id?: number
        service_id?: number
        active?: boolean
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              active: boolean
              email: string | null
              id: number
              location_id: number
              name: string
              phone: string | null
              /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
              photo_url: string | null
              services: {
                /** @description The specialist's own duration; null: the service's. */
                duration_minutes: number | null
                /** @description The specialist's own price; null: the service's. */
                price: number | null
                service_id: number
              }[]
              title: string
              user_id: number
              work_schedule: {
                [key: string]: string[][]
              }
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminCreateSpecialist: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @example anna@example.com */
          email?: string
          location_id: number
          name?: string
          /** @example +7 999 123-45-67 */
          phone?: string
          title?: string
          user_id?: number
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule?: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            email: string | null
            id: number
            location_id: number
            name: string
            phone: string | null
            /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
            photo_url: string | null
            recalc: {
              job_ids: string[]
            } | null
            services: {
              /** @description The specialist's own duration; null: the service's. */
              duration_minutes: number | null
              /** @description The specialist's own price; null: the service's. */
              price: number | null
              service_id: number
            }[]
            title: string
            user_id: number
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminGetSpecialist: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            email: string | null
            id: number
            location_id: number
            name: string
            phone: string | null
            /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
            photo_url: string | null
            services: {
              /** @description The specialist's own duration; null: the service's. */
              duration_minutes: number | null
              /** @description The specialist's own price; null: the service's. */
              price: number | null
              service_id: number
            }[]
            title: string
            user_id: number
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteSpecialist: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminUpdateSpecialist: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          active?: boolean
          /** @example anna@example.com */
          email?: string | null
          location_id?: number
          name?: string
          /**
           * @description Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers 409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags them out_of_hours and lists them in `bookings_outside_hours`.
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /** @example +7 999 123-45-67 */
          phone?: string | null
          title?: string
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule?: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            email: string | null
            id: number
            location_id: number
            name: string
            phone: string | null
            /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
            photo_url: string | null
            recalc: {
              job_ids: string[]
            } | null
            services: {
              /** @description The specialist's own duration; null: the service's. */
              duration_minutes: number | null
              /** @description The specialist's own price; null: the service's. */
              price: number | null
              service_id: number
            }[]
            title: string
            user_id: number
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminApplyCalendarImport: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description The text of the .ics file (iCalendar, RFC 5545). */
          ics: string
          /**
           * @description Your name for the calendar ("google", "work.ics"): importing the same source again replaces it.
           * @example google
           */
          source: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            blocks: {
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** Format: date */
              date_from: string
              /** Format: date */
              date_to: string
              id: number
              intervals: string[][]
              /** @enum {string} */
              kind: 'closed' | 'blocked' | 'open'
              location_id: number | null
              reason: string
              room_id: number | null
              specialist_id: number | null
            }[]
            collisions: {
              booking_id: number
              /** Format: date-time */
              busy_end: string
              /** Format: date-time */
              busy_start: string
              client_id: number
              client_name: string
              /** Format: date-time */
              end: string
              service_id: number
              service_name: string
              /** Format: date-time */
              start: string
              status: string
              summary: string
            }[]
            import: {
              busy_count: number
              /** Format: date-time */
              imported_at: string
              imported_by: number | null
              source: string
              /** Format: date */
              window_from: string
              /** Format: date */
              window_to: string
            }
            recalc: {
              job_ids: string[]
            } | null
            /** @description Blocks of the previous import of this source, now deleted. */
            removed_blocks: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminPreviewCalendarImport: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description The text of the .ics file (iCalendar, RFC 5545). */
          ics: string
          /**
           * @description Your name for the calendar ("google", "work.ics"): importing the same source again replaces it.
           * @example google
           */
          source: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            blocks: {
              /** Format: date */
              date_from: string
              /** Format: date */
              date_to: string
              intervals: string[][]
            }[]
            busy: {
              all_day: boolean
              /**
               * Format: date-time
               * @description UTC.
               */
              end: string
              /**
               * Format: date-time
               * @description The same instant with the location's offset.
               */
              local_end: string
              /**
               * Format: date-time
               * @description The same instant with the location's offset.
               */
              local_start: string
              /**
               * Format: date-time
               * @description UTC.
               */
              start: string
              summary: string
              uid: string
            }[]
            collisions: {
              booking_id: number
              /** Format: date-time */
              busy_end: string
              /** Format: date-time */
              busy_start: string
              client_id: number
              client_name: string
              /** Format: date-time */
              end: string
              service_id: number
              service_name: string
              /** Format: date-time */
              start: string
              status: string
              summary: string
            }[]
            replaces: {
              blocks: {
                /** Format: date-time */
                created_at: string
                created_by: number | null
                /** Format: date */
                date_from: string
                /** Format: date */
                date_to: string
                id: number
                intervals: string[][]
                /** @enum {string} */
                kind: 'closed' | 'blocked' | 'open'
                location_id: number | null
                reason: string
                room_id: number | null
                specialist_id: number | null
              }[]
              import: {
                busy_count: number
                /** Format: date-time */
                imported_at: string
                imported_by: number | null
                source: string
                /** Format: date */
                window_from: string
                /** Format: date */
                window_to: string
              }
            } | null
            /** @description Events and instances inside the window that block nothing, and why. */
            skipped: {
              /** @description Instances of it inside the window. */
              instances: number
              /**
               * Format: date-time
               * @description The first skipped instance in the window, location's offset.
               */
              local_start: string
              /** @description `cancelled`: STATUS:CANCELLED (a series, or one instance by RECURRENCE-ID); `transparent`: "show as free"; `excluded`: an EXDATE of a busy series. */
              reason: 'cancelled' | 'transparent' | 'excluded'
              summary: string
              uid: string
            }[]
            source: string
            window: {
              /** Format: date */
              from: string
              /** Format: date */
              to: string
              zone: string
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteCalendarImport: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
        /** @description Your name for the calendar ("google", "work.ics"): importing the same source again replaces it. */
        source: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            recalc: {
              job_ids: string[]
            } | null
            removed_blocks: number
            source: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminListCalendarImports: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              busy_count: number
              /** Format: date-time */
              imported_at: string
              imported_by: number | null
              source: string
              /** Format: date */
              window_from: string
              /** Format: date */
              window_to: string
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminInviteSpecialist: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Give it to the specialist; it is shown only this once. */
            code: string
            /** Format: date-time */
            expires_at: string
            specialist_id: number
            /** @description The web site's invitation page with the code in its fragment (never sent to a server); relative when CORS_ORIGINS names no web site. */
            url: string
            user_id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminPutSpecialistPhoto: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            content_type: string
            photo_url: string
            specialist_id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminDeleteSpecialistPhoto: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            specialist_id: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminSetSpecialistSchedule: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers 409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags them out_of_hours and lists them in `bookings_outside_hours`.
           * @enum {string}
           */
          on_conflict?: 'refuse' | 'keep'
          /**
           * @description Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid, ascending and not overlapping; a missing key or [] is a day off.
           * @example {
           *       "0": [
           *         [
           *           "09:00",
           *           "18:00"
           *         ]
           *       ],
           *       "1": [
           *         [
           *           "09:00",
           *           "12:00"
           *         ],
           *         [
           *           "14:00",
           *           "20:00"
           *         ]
           *       ],
           *       "6": []
           *     }
           */
          work_schedule: Record<string, never>
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            bookings_outside_hours: {
              client_id: number
              client_name?: string
              /** Format: date-time */
              end: string
              id: number
              /** Format: date-time */
              new_start?: string
              service_id: number
              service_name?: string
              specialist_id: number
              specialist_name?: string
              /** Format: date-time */
              start: string
            }[]
            email: string | null
            id: number
            location_id: number
            name: string
            phone: string | null
            /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
            photo_url: string | null
            recalc: {
              job_ids: string[]
            } | null
            services: {
              /** @description The specialist's own duration; null: the service's. */
              duration_minutes: number | null
              /** @description The specialist's own price; null: the service's. */
              price: number | null
              service_id: number
            }[]
            title: string
            user_id: number
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  adminSetSpecialistServices: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          services: {
            duration_minutes?: number | null
            price?: number | null
            service_id: number
          }[]
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            active: boolean
            email: string | null
            id: number
            location_id: number
            name: string
            phone: string | null
            /** @description Their photo (PUT /api/admin/specialists/{id}/photo); null: none. */
            photo_url: string | null
            recalc: {
              job_ids: string[]
            } | null
            services: {
              /** @description The specialist's own duration; null: the service's. */
              duration_minutes: number | null
              /** @description The specialist's own price; null: the service's. */
              price: number | null
              service_id: number
            }[]
            title: string
            user_id: number
            work_schedule: {
              [key: string]: string[][]
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  acceptInvitation: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @example 7K3Q-9XWM-2RTB-HC4D */
          code: string
          email?: string
          /** @description 8 to 128 characters. */
          password: string
          phone?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      410: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  login: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          login: string
          password: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  logout: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The session is ended. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  register: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @example anna@example.com */
          email?: string
          /** @enum {string} */
          language?: 'ru' | 'en'
          name: string
          password: string
          /**
           * @description With the country code, or a Russian national number (8 916 123-45-67); stored as E.164.
           * @example +79991234567
           */
          phone?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  loginWithTelegram: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          init_data: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  loginWithTelegramWidget: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          auth_date: number
          first_name: string
          hash: string
          id: number
          last_name?: string
          photo_url?: string
          username?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listBookings: {
    parameters: {
      query?: {
        from?: string
        to?: string
        status?: 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'
        client_id?: number
        specialist_id?: number
        location_id?: number
        limit?: number
        offset?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['Booking'][]
            limit: number
            offset: number
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  createBooking: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          allow_out_of_hours?: boolean
          client_id?: number
          duration_minutes?: number
          location_id?: number
          notes?: string
          /** @enum {unknown} */
          payment?: 'auto' | 'wallet' | 'package' | 'on_site'
          service_id: number
          specialist_id?: number
          /** @description ISO 8601 with a UTC offset ("2026-12-07T12:00:00+03:00"), or {date, time} as the local date and wall time in the location’s zone ({"date": "2026-12-07", "time": "12:00"}). */
          start: unknown
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  quoteBooking: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          client_id?: number
          location_id?: number
          /** @enum {unknown} */
          payment?: 'auto' | 'wallet' | 'package' | 'on_site'
          service_id: number
          specialist_id?: number
          /** @description ISO 8601 with a UTC offset ("2026-12-07T12:00:00+03:00"), or {date, time} as the local date and wall time in the location’s zone ({"date": "2026-12-07", "time": "12:00"}). */
          start: unknown
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            base_price: number
            cancellation: {
              consumes_visit: boolean
              free_until: string
              late_fee: number
              late_fee_percent: number
              text: string
            }
            discount_amount: number
            discount_id: number | null
            location_id: number
            payment: {
              client_package_id: number | null
              method: string | null
              wallet_balance: number | null
            }
            price: number
            refusal:
              | ({
                  error: string
                  message: string
                } & {
                  [key: string]: unknown
                })
              | null
            service_id: number
            specialist_id: number
            start: string
            timezone: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getBooking: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  cancelBooking: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          reason?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  completeBooking: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          reason?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getBookingHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** @description Who acted, by name; null: the system. */
              actor_name: string | null
              actor_user_id: number | null
              at: string
              details?: {
                [key: string]: unknown
              }
              /** @enum {string} */
              event:
                | 'created'
                | 'confirmed'
                | 'rejected'
                | 'cancelled'
                | 'rescheduled'
                | 'completed'
                | 'no_show'
                | 'corrected'
              from: string | null
              /** @description Why, when the actor gave a reason; else null. */
              reason: string | null
              to: string
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  markBookingNoShow: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          reason?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  rescheduleBooking: {
    parameters: {
      query?: never
      header?: {
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description Admins: move it to another specialist of the same location who performs its service (the price and duration stay the booking's). Both specialists' slots change; the history records from and to. */
          specialist_id?: number
          /** @description ISO 8601 with a UTC offset ("2026-12-07T12:00:00+03:00"), or {date, time} as the local date and wall time in the location’s zone ({"date": "2026-12-07", "time": "12:00"}). */
          start: unknown
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Booking']
        }
      }
      /** @description The request is recorded and still being processed: GET status_url tells its outcome. */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IntentAccepted']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getCalendarFeed: {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The feed */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/calendar': string
        }
      }
      /** @description Not modified since the ETag given: no body */
      304: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getCompany: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Times are offered this many days ahead, today included. */
            booking_horizon_days: number
            cancellation: {
              cancellation_grace_minutes: number
              free_cancellation_hours: number
              late_cancellation_consumes_visit: boolean
              late_cancellation_fee_percent: number
              /** @description The terms in one English paragraph. */
              text: string
            }
            /** @description ISO 4217; every amount is in its minor units. */
            currency: string
            /** @description Times starting sooner than this are not offered. */
            min_lead_minutes: number
            name: string
            /**
             * @description "required": a booking is paid from a package or the wallet when it is made.
             * @enum {string}
             */
            prepayment: 'none' | 'required'
            /** @description The company's IANA zone; each location has its own. */
            timezone: string
          }
        }
      }
    }
  }
  getIntent: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            created_at?: string
            id: number
            kind: string
            result?: unknown
            result_status?: number | null
            status: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listLocations: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['Location'][]
            total: number
          }
        }
      }
    }
  }
  getMe: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['User']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  updateMe: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @example anna@example.com */
          email?: string | null
          /** @enum {string} */
          language?: 'ru' | 'en'
          name?: string
          /**
           * @description With the country code, or a Russian national number (8 916 123-45-67); stored as E.164.
           * @example +79991234567
           */
          phone?: string | null
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['User']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listMyBlocks: {
    parameters: {
      query?: {
        from?: string
        to?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              /** Format: date-time */
              created_at: string
              created_by: number | null
              /** Format: date */
              date_from: string
              /** Format: date */
              date_to: string
              id: number
              intervals: string[][]
              /** @enum {string} */
              kind: 'closed' | 'blocked' | 'open'
              location_id: number | null
              reason: string
              room_id: number | null
              specialist_id: number | null
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  createMyBlock: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          date_from: string
          /** Format: date */
          date_to: string
          /**
           * @description A list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid.
           * @example [
           *       [
           *         "09:00",
           *         "13:00"
           *       ]
           *     ]
           */
          intervals?: unknown[]
          /** @enum {string} */
          kind: 'blocked' | 'closed'
          reason?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date-time */
            created_at: string
            created_by: number | null
            /** Format: date */
            date_from: string
            /** Format: date */
            date_to: string
            id: number
            intervals: string[][]
            /** @enum {string} */
            kind: 'closed' | 'blocked' | 'open'
            location_id: number | null
            reason: string
            recalc: {
              job_ids: string[]
            } | null
            room_id: number | null
            specialist_id: number | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  deleteMyBlock: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
            id: number
            recalc?: {
              job_ids: string[]
            } | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getMyCalendarFeed: {
    parameters: {
      query?: {
        /** @description `client`: my bookings; `specialist`: my appointments as a specialist. Defaults to `specialist` for a specialist, else `client`. */
        scope?: 'client' | 'specialist'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Whether a feed URL is live (its URL itself is shown only once). */
            active: boolean
            /** Format: date-time */
            created_at: string | null
            scope: 'client' | 'specialist'
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  openMyCalendarFeed: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description `client`: my bookings; `specialist`: my appointments as a specialist. Defaults to `specialist` for a specialist, else `client`. */
          scope?: 'client' | 'specialist'
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date-time */
            created_at: string
            /** @description The feed over HTTP(S), for "subscribe by URL". */
            https_url: string
            scope: 'client' | 'specialist'
            /** @description The same feed as a webcal:// link, which calendar apps open. */
            webcal_url: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  revokeMyCalendarFeed: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @description `client`: my bookings; `specialist`: my appointments as a specialist. Defaults to `specialist` for a specialist, else `client`. */
          scope?: 'client' | 'specialist'
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            revoked: boolean
            scope: 'client' | 'specialist'
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listMyPackages: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: {
              expired: boolean
              /** Format: date-time */
              expires_at: string
              id: number
              items: {
                remaining: number
                service_id: number
                service_name: string
                total: number
              }[]
              name: string
              /** @description Minor units; 0 for a package granted by the salon. */
              price_paid: number
              /** Format: date-time */
              purchased_at: string
              service_package_id: number
            }[]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  changePassword: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          current_password?: string
          /** @description 8 to 128 characters. */
          new_password: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            ok: boolean
            other_sessions_ended: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  savePushSubscription: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description The push service's URL for this browser (`PushSubscription.endpoint`).
           */
          endpoint: string
          /** @description As the browser gives it; not used. */
          expirationTime?: number | null
          keys: {
            /** @description The authentication secret (16 bytes). */
            auth: string
            /** @description The browser's P-256 public key (65 bytes). */
            p256dh: string
          }
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date-time */
            created_at: string
            endpoint: string
          }
        }
      }
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** Format: date-time */
            created_at: string
            endpoint: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  deletePushSubscription: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description The push service's URL for this browser (`PushSubscription.endpoint`).
           */
          endpoint: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            deleted: boolean
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  linkTelegram: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          init_data?: string
          widget?: {
            auth_date: number
            first_name: string
            hash: string
            id: number
            last_name?: string
            photo_url?: string
            username?: string
          }
        } & (unknown | unknown)
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['User']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  unlinkTelegram: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['User']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  createTelegramLinkCode: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /**
             * @description Show it to the person; it is shown only this once.
             * @example 7K3Q-9XWM
             */
            code: string
            /**
             * @description What to send to the bot.
             * @example /link 7K3Q-9XWM
             */
            command: string
            /** @description https://t.me/<bot>?start=link-<code>: opens the bot and links at once; null when the server does not know the bot username (TELEGRAM_BOT_USERNAME). */
            deep_link: string | null
            /** Format: date-time */
            expires_at: string
            /** @description Seconds until it expires (count down from this). */
            expires_in: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getMyWallet: {
    parameters: {
      query?: {
        limit?: number
        before_id?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description Minor units. */
            balance: number
            currency: string
            transactions: {
              /** @description Signed minor units: + deposit/refund, − payment. */
              amount: number
              booking_id: number | null
              client_package_id: number | null
              comment: string
              /** Format: date-time */
              created_at: string
              id: number
              /** @enum {string} */
              kind: 'deposit' | 'payment' | 'refund' | 'adjustment'
            }[]
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listPackages: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['Package'][]
            total: number
          }
        }
      }
    }
  }
  purchasePackage: {
    parameters: {
      query?: never
      header?: {
        /** @description Required: a retry with the same key returns the first outcome and moves no money twice. */
        'idempotency-key'?: string
      }
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description The balance now. */
            balance: number
            package: {
              expired: boolean
              /** Format: date-time */
              expires_at: string
              id: number
              items: {
                remaining: number
                service_id: number
                service_name: string
                total: number
              }[]
              name: string
              /** @description Minor units; 0 for a package granted by the salon. */
              price_paid: number
              /** Format: date-time */
              purchased_at: string
              service_package_id: number
            }
            transaction: {
              /** @description Signed minor units: + deposit/refund, − payment. */
              amount: number
              booking_id: number | null
              client_package_id: number | null
              comment: string
              /** Format: date-time */
              created_at: string
              id: number
              /** @enum {string} */
              kind: 'deposit' | 'payment' | 'refund' | 'adjustment'
            }
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      428: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getPushConfig: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            /** @description base64url, uncompressed P-256 point */
            vapid_public_key: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listServices: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['Service'][]
            total: number
          }
        }
      }
    }
  }
  getSlots: {
    parameters: {
      query: {
        service_id: number
        specialist_id?: number
        location_id?: number
        from?: string
        days?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Slots']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  streamSlots: {
    parameters: {
      query: {
        service_id: number
        specialist_id?: number
        location_id?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The stream of `slots` events, open until the client leaves. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/event-stream': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  listSpecialists: {
    parameters: {
      query?: {
        service_id?: number
        location_id?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            items: components['schemas']['Specialist'][]
            total: number
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getSpecialistPhoto: {
    parameters: {
      query?: {
        v?: string
      }
      header?: never
      path: {
        id: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getHealth: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            status?: string
          }
        }
      }
    }
  }
  internalRecalcSlots: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          dates: string[]
          room_id?: number
          specialist_id?: number
        } & (unknown | unknown)
      }
    }
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            job_id: string | null
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  internalTelegramLink: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          /** @example 7K3Q-9XWM */
          code: string
          from: {
            first_name: string
            language_code?: string
            last_name?: string
            tg_id: number
            username?: string
          }
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      410: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  internalTelegramSession: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': {
          first_name: string
          language_code?: string
          last_name?: string
          tg_id: number
          username?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            token: string
            user: components['schemas']['User']
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
  getMetrics: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The Prometheus text exposition format. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/plain': string
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/plain': components['schemas']['Error']
        }
      }
    }
  }
  getReadiness: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            postgres?: string
            redis?: string
            status?: string
          }
        }
      }
      /** @description A refusal: `error` is a stable code, `message` says what to do. */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
    }
  }
}

// napi_status codes and the messages napi_get_last_error_info reports for
// them. Values and wording match js_native_api_types.h and Node's
// error_messages table (js_native_api_v8.cc); keep both in the enum's order.

export const NapiStatus = {
  ok: 0,
  invalid_arg: 1,
  object_expected: 2,
  string_expected: 3,
  name_expected: 4,
  function_expected: 5,
  number_expected: 6,
  boolean_expected: 7,
  array_expected: 8,
  generic_failure: 9,
  pending_exception: 10,
  cancelled: 11,
  escape_called_twice: 12,
  handle_scope_mismatch: 13,
  callback_scope_mismatch: 14,
  queue_full: 15,
  closing: 16,
  bigint_expected: 17,
  date_expected: 18,
  arraybuffer_expected: 19,
  detachable_arraybuffer_expected: 20,
  would_deadlock: 21,
  no_external_buffers_allowed: 22,
  cannot_run_js: 23,
} as const;

export type NapiStatusCode = (typeof NapiStatus)[keyof typeof NapiStatus];

/** Index = status code. `null` for napi_ok: Node reports a NULL message. */
export const STATUS_MESSAGES: readonly (string | null)[] = [
  null,
  'Invalid argument',
  'An object was expected',
  'A string was expected',
  'A string or symbol was expected',
  'A function was expected',
  'A number was expected',
  'A boolean was expected',
  'An array was expected',
  'Unknown failure',
  'An exception is pending',
  'The async work item was cancelled',
  'napi_escape_handle already called on scope',
  'Invalid handle scope usage',
  'Invalid callback scope usage',
  'Thread-safe function queue is full',
  'Thread-safe function handle is closing',
  'A bigint was expected',
  'A date was expected',
  'An arraybuffer was expected',
  'A detachable arraybuffer was expected',
  'Main thread would deadlock',
  'External buffers are not allowed',
  'Cannot run JavaScript',
];

/**
 * Status returned when JS throws inside a property get/set/has/delete or
 * napi_instanceof. Node 20 reports napi_generic_failure there (the exception
 * stays pending); see node-api-quirks.md. Newer Node versions report
 * napi_pending_exception: change it here only.
 */
export const STATUS_WHEN_PROPERTY_ACCESS_THROWS = NapiStatus.generic_failure;

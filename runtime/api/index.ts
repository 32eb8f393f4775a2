// The "napi" import module of one addon: the Node-API functions it imports,
// as closures over that addon's env, made once at load time. The functions
// come in areas (one file each); only the areas an addon imports from are
// built, so loading pays for what the addon uses.

import type { Env } from '../env.js';
import { bigintApi } from './bigint.js';
import { binaryApi } from './binary.js';
import { conversionApi } from './conversions.js';
import { dateApi } from './dates.js';
import { errorApi } from './errors.js';
import { functionApi } from './functions.js';
import { instanceApi } from './instance.js';
import { keyApi } from './keys.js';
import { objectApi } from './objects.js';
import { promiseApi } from './promises.js';
import { propertyApi } from './properties.js';
import { referenceApi } from './references.js';
import { scopeApi } from './scopes.js';
import { scriptApi } from './script.js';
import { stringApi } from './strings.js';
import { typeTagApi } from './type-tags.js';
import { valueApi } from './values.js';
import { wrapApi } from './wrap.js';
import {
  asyncContextApi,
  asyncWorkApi,
  bufferApi,
  cleanupHookApi,
  fatalApi,
  moduleInfoApi,
  sharedOf,
  threadsafeFunctionApi,
} from '../node-api/index.js';

export type NapiFunction = (...args: never[]) => unknown;
export type Area = (env: Env) => Record<string, NapiFunction>;

/**
 * Every area and the functions it makes, without the `napi_` prefix
 * (test/runtime/coverage.test.ts checks that each list is exactly what its
 * area returns). js_native_api.h first, then node_api.h.
 */
export const AREAS: ReadonlyArray<readonly [Area, string]> = [
  [
    valueApi,
    'get_undefined get_null get_global get_boolean create_double ' +
    'create_int32 create_uint32 create_int64 get_value_double ' +
    'get_value_int32 get_value_uint32 get_value_int64 get_value_bool ' +
    'typeof strict_equals create_symbol node_api_symbol_for ' +
    'create_external get_value_external',
  ],
  [
    stringApi,
    'create_string_latin1 create_string_utf8 create_string_utf16 ' +
    'node_api_create_property_key_latin1 node_api_create_property_key_utf8 ' +
    'node_api_create_property_key_utf16 node_api_create_external_string_latin1 ' +
    'node_api_create_external_string_utf16 get_value_string_latin1 ' +
    'get_value_string_utf8 get_value_string_utf16',
  ],
  [
    objectApi,
    'create_object create_array create_array_with_length set_property ' +
    'get_property has_property delete_property has_own_property ' +
    'set_named_property get_named_property has_named_property set_element ' +
    'get_element has_element delete_element is_array ' +
    'get_array_length get_prototype object_freeze object_seal ' +
    'instanceof',
  ],
  [propertyApi, 'define_properties'],
  [
    functionApi,
    'create_function define_class get_cb_info get_new_target ' +
    'call_function new_instance',
  ],
  [wrapApi, 'wrap unwrap remove_wrap'],
  [
    errorApi,
    'create_error create_type_error create_range_error ' +
    'node_api_create_syntax_error throw_error throw_type_error ' +
    'throw_range_error node_api_throw_syntax_error throw is_error ' +
    'is_exception_pending get_and_clear_last_exception get_last_error_info',
  ],
  [
    scopeApi,
    'open_handle_scope close_handle_scope open_escapable_handle_scope ' +
    'close_escapable_handle_scope escape_handle',
  ],
  [
    binaryApi,
    'is_arraybuffer is_typedarray is_dataview is_buffer ' +
    'create_arraybuffer create_buffer create_buffer_copy ' +
    'create_external_arraybuffer detach_arraybuffer is_detached_arraybuffer ' +
    'get_arraybuffer_info get_typedarray_info get_dataview_info ' +
    'get_buffer_info create_typedarray create_dataview',
  ],
  [
    bigintApi,
    'create_bigint_int64 create_bigint_uint64 create_bigint_words ' +
    'get_value_bigint_int64 get_value_bigint_uint64 get_value_bigint_words',
  ],
  [conversionApi, 'coerce_to_bool coerce_to_number coerce_to_object coerce_to_string'],
  [dateApi, 'create_date is_date get_date_value'],
  [
    instanceApi,
    'set_instance_data get_instance_data get_version ' +
    'adjust_external_memory',
  ],
  [keyApi, 'get_all_property_names get_property_names'],
  [promiseApi, 'create_promise resolve_deferred reject_deferred is_promise'],
  [
    referenceApi,
    'create_reference delete_reference reference_ref reference_unref ' +
    'get_reference_value add_finalizer',
  ],
  [scriptApi, 'run_script'],
  [typeTagApi, 'type_tag_object check_object_type_tag'],
  [bufferApi, 'create_external_buffer node_api_create_buffer_from_arraybuffer'],
  [
    (env: Env) => asyncWorkApi(env, sharedOf(env).works),
    'create_async_work delete_async_work queue_async_work ' +
    'cancel_async_work',
  ],
  [
    threadsafeFunctionApi,
    'create_threadsafe_function get_threadsafe_function_context ' +
    'call_threadsafe_function acquire_threadsafe_function ' +
    'release_threadsafe_function unref_threadsafe_function ' +
    'ref_threadsafe_function',
  ],
  [
    asyncContextApi,
    'async_init async_destroy make_callback open_callback_scope ' +
    'close_callback_scope',
  ],
  [
    cleanupHookApi,
    'add_env_cleanup_hook remove_env_cleanup_hook add_async_cleanup_hook ' +
    'remove_async_cleanup_hook',
  ],
  [fatalApi, 'fatal_error fatal_exception'],
  [moduleInfoApi, 'get_node_version node_api_get_module_file_name module_register'],
  [(env: Env) => sharedOf(env).uv.napi, 'get_uv_event_loop'],
];

const PREFIX = 'napi_';

function fullName(word: string): string {
  return word.startsWith('node_api_') ? word : PREFIX + word;
}

function areaOf(name: string): Area | undefined {
  const word = ` ${name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name} `;
  for (const [area, names] of AREAS) if (` ${names} `.includes(word)) return area;
  return undefined;
}

/** The full names of the functions `names` (an AREAS entry) lists. */
export function areaFunctions(names: string): string[] {
  return names.split(' ').map(fullName);
}

/** The runtime's functions among `names` (default: all of them) for `env`. */
export function createNapiImports(env: Env, names?: Iterable<string>): Record<string, NapiFunction> {
  const built = new Map<Area, Record<string, NapiFunction>>();
  const imports: Record<string, NapiFunction> = Object.create(null);
  for (const name of names ?? AREAS.flatMap(([, list]) => areaFunctions(list))) {
    const area = areaOf(name);
    if (area === undefined) continue;
    let fns = built.get(area);
    if (fns === undefined) built.set(area, (fns = area(env)));
    const fn = fns[name];
    if (fn !== undefined) imports[name] = fn;
  }
  return imports;
}

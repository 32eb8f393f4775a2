# napi-wasm's stand-in for Node's common.gypi: the target defaults node-gyp
# gets from Node on Linux, minus what means nothing on wasm32-wasi.
# C++ keeps node-gyp's -fno-rtti -fno-exceptions default, so a package that
# removes -fno-exceptions ('cflags_cc!') turns exceptions on exactly as it
# would natively.
# -msimd128: native -O3 builds vectorise with SSE2/NEON; Wasm SIMD is the
# equivalent, and every engine napi-wasm targets runs it (Node >= 16.4,
# Chrome 91, Firefox 89, Safari 16.4, Deno, workerd).
{
  'target_defaults': {
    'default_configuration': 'Release',
    'cflags': [ '-Wall', '-Wextra', '-Wno-unused-parameter', '-msimd128' ],
    'cflags_cc': [ '-fno-rtti', '-fno-exceptions', '-std=gnu++17' ],
    'configurations': {
      'Release': {
        'cflags': [ '-O3' ],
      },
      'Debug': {
        'defines': [ 'DEBUG', '_DEBUG' ],
        'cflags': [ '-g', '-O0' ],
      },
    },
  },
}

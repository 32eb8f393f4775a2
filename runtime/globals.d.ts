// The runtime runs in browsers and workers as well as Node: type-check it
// against the web platform's globals (WebAssembly, fetch, Response,
// TextEncoder, BufferSource...), which the root tsconfig's ES2022 lib lacks.
// Anything outside ECMAScript must still be feature-tested at run time.
/// <reference lib="dom" />

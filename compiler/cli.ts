console.log('napi-wasm: not implemented yet');

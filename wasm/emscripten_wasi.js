// emcc checks every undefined symbol against its JS libraries, and 3.1.6 knows no
// random_get. Naming it here passes the check; the import itself stays the WASI one
// declared in emscripten_wasi.cpp (no JS is emitted: STANDALONE_WASM).
mergeInto(LibraryManager.library, {
  random_get: function () {},
});

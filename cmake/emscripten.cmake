# Toolchain: Emscripten (Debian's 3.1.6 at /usr/share/emscripten unless $EMSCRIPTEN_ROOT),
# producing a standalone wasm module with no JS glue. Exceptions off, size first;
# wasm/CMakeLists.txt adds the link side.
if(DEFINED ENV{EMSCRIPTEN_ROOT})
  set(emscripten_root "$ENV{EMSCRIPTEN_ROOT}")
else()
  set(emscripten_root /usr/share/emscripten)
endif()
include("${emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}/modules")  # nlohmann-json without the host include dir

# As cmake/wasi.cmake, plus tail calls: clang 14's LTO lowers the coroutines' symmetric
# transfer to musttail calls and cannot do without them.
set(FLAGPORT_WASM_FEATURES sign-ext bulk-memory mutable-globals nontrapping-float-to-int tail-call)
set(feature_flags "-msign-ext -mbulk-memory -mmutable-globals -mnontrapping-fptoint -mtail-call")

# Debian 3.1.6 only has <experimental/coroutine> (core/task/coroutine.hpp), which clang 14 calls deprecated.
set(CMAKE_CXX_FLAGS_INIT "${feature_flags} -Wno-deprecated-experimental-coroutine -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${feature_flags} -ffunction-sections -fdata-sections")
# -Os, as cmake/wasi.cmake says why.
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-Os -flto -DNDEBUG")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os -flto -DNDEBUG")

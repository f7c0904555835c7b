# Toolchain: wasm32-wasi with wasi-sdk when $WASI_SDK_PATH is set, else Debian's
# clang-16 + lld-16 + wasi-libc + libc++-16-dev-wasm32 + libclang-rt-16-dev-wasm32.
# Exceptions off, size first (DESIGN §3); wasm/CMakeLists.txt adds the link side.
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
# Platform/WASI.cmake, and nlohmann-json without the host include dir.
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}" "${CMAKE_CURRENT_LIST_DIR}/modules")

set(triple wasm32-wasi)
if(DEFINED ENV{WASI_SDK_PATH})
  set(sdk "$ENV{WASI_SDK_PATH}")
  set(CMAKE_C_COMPILER "${sdk}/bin/clang")
  set(CMAKE_CXX_COMPILER "${sdk}/bin/clang++")
  set(CMAKE_AR "${sdk}/bin/llvm-ar" CACHE FILEPATH "")
  set(CMAKE_RANLIB "${sdk}/bin/llvm-ranlib" CACHE FILEPATH "")
  set(CMAKE_SYSROOT "${sdk}/share/wasi-sysroot")
  set(stdlib_flags "")
else()
  set(CMAKE_C_COMPILER clang-16)
  set(CMAKE_CXX_COMPILER clang++-16)
  set(CMAKE_AR llvm-ar-16 CACHE FILEPATH "")
  set(CMAKE_RANLIB llvm-ranlib-16 CACHE FILEPATH "")
  # Debian spreads the wasm sysroot over /usr/{include,lib}/wasm32-wasi, and its clang
  # does not look for the wasm libc++ headers by itself.
  set(CMAKE_SYSROOT /usr)
  set(stdlib_flags "-nostdinc++ -isystem /usr/include/wasm32-wasi/c++/v1")
  # Links see the compile flags too, where -nostdinc++ means nothing.
  set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wno-unused-command-line-argument")
endif()
set(CMAKE_C_COMPILER_TARGET ${triple})
set(CMAKE_CXX_COMPILER_TARGET ${triple})

# Features every Workers runtime (V8) has; wasm/CMakeLists.txt hands the same list to wasm-opt.
set(FLAGPORT_WASM_FEATURES sign-ext bulk-memory mutable-globals nontrapping-float-to-int)
set(feature_flags "-msign-ext -mbulk-memory -mmutable-globals -mnontrapping-fptoint")

set(CMAKE_CXX_FLAGS_INIT "${stdlib_flags} ${feature_flags} -fno-exceptions -fno-rtti -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${feature_flags} -ffunction-sections -fdata-sections")
# -Os, which CMake appends to these anyway (the last -O wins). -Oz would make the module
# 29% smaller and start-up ~2 ms faster, but evaluate runs 5-30% slower (measured in Node).
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-Os -flto -DNDEBUG")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os -flto -DNDEBUG")

# Libraries and headers come from the sysroot; programs (wasm-opt) from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

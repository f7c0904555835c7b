# CMake knows no WASI platform of its own: a static, single-threaded target whose
# executables are .wasm modules.
set(WASI 1)
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)

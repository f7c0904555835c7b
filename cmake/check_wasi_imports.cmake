# cmake -DWASM_OBJDUMP=... -DMODULE=flagport.wasm -P check_wasi_imports.cmake
# Fails the build when the module imports anything but WASI preview1 functions: the
# worker's shim (bindings/cloudflare/wasi.js) provides nothing else.
execute_process(COMMAND ${WASM_OBJDUMP} -x -j Import ${MODULE} OUTPUT_VARIABLE listing RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "wasm-objdump could not read ${MODULE}")
endif()
string(REGEX MATCHALL "<- [^\n]+" imports "${listing}")
foreach(import ${imports})
  if(NOT import MATCHES "^<- wasi_snapshot_preview1\\.")
    message(FATAL_ERROR "${MODULE} imports ${import}: only WASI preview1 functions are allowed")
  endif()
endforeach()

# How wasm modules are linked and finished, shared by the worker module
# (wasm/) and the evaluator benchmark module (bench/eval/), so both are built alike.

# A reactor (no main; the host calls exports) whose shadow stack sits below the data, so an
# overflow runs off the start of memory and traps instead of silently overwriting globals.
# clang itself runs wasm-opt at link time when one is on PATH; that run reads the features
# from the target_features section, so nothing is stripped at link.
function(flagport_wasi_reactor target stack_bytes)
  target_link_options(${target} PRIVATE
    -mexec-model=reactor -Wl,--gc-sections -Wl,-z,stack-size=${stack_bytes} -Wl,--stack-first)
endfunction()

# Last size pass with the features the toolchain file enabled, then strip everything the
# runtime does not read. Without wasm-opt the linker strips instead.
function(flagport_finish_wasm target)
  find_program(WASM_OPT wasm-opt)
  if(WASM_OPT)
    list(TRANSFORM FLAGPORT_WASM_FEATURES PREPEND "--enable-" OUTPUT_VARIABLE feature_flags)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${WASM_OPT} -Oz ${feature_flags} --strip-debug --strip-producers --strip-target-features
              $<TARGET_FILE:${target}> -o $<TARGET_FILE:${target}>
      COMMENT "wasm-opt -Oz ${target}" VERBATIM)
  else()
    target_link_options(${target} PRIVATE -Wl,--strip-all)
  endif()
endfunction()

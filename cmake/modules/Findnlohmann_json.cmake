# nlohmann-json for the wasm builds: header-only, taken from the build machine.
# Its headers are staged alone in the build tree, because adding the host's
# /usr/include to a cross compile would let glibc headers shadow the wasm libc's.
find_path(nlohmann_json_HOST_INCLUDE nlohmann/json.hpp
  HINTS "$ENV{NLOHMANN_JSON_INCLUDE}" PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH)
if(nlohmann_json_HOST_INCLUDE)
  # 3.11 moved the version macros out of json.hpp.
  file(GLOB version_headers "${nlohmann_json_HOST_INCLUDE}/nlohmann/json.hpp"
    "${nlohmann_json_HOST_INCLUDE}/nlohmann/detail/abi_macros.hpp")
  set(version_lines "")
  foreach(header ${version_headers})
    file(STRINGS "${header}" lines REGEX "#define NLOHMANN_JSON_VERSION_(MAJOR|MINOR|PATCH) +[0-9]+")
    list(APPEND version_lines ${lines})
  endforeach()
  foreach(part MAJOR MINOR PATCH)
    string(REGEX MATCH "VERSION_${part} +([0-9]+)" line "${version_lines}")
    set(number_${part} "${CMAKE_MATCH_1}")
  endforeach()
  set(nlohmann_json_VERSION "${number_MAJOR}.${number_MINOR}.${number_PATCH}")
  set(staged "${CMAKE_BINARY_DIR}/nlohmann-json-include")
  file(MAKE_DIRECTORY "${staged}")
  file(CREATE_LINK "${nlohmann_json_HOST_INCLUDE}/nlohmann" "${staged}/nlohmann" SYMBOLIC)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(nlohmann_json REQUIRED_VARS nlohmann_json_HOST_INCLUDE VERSION_VAR nlohmann_json_VERSION)

if(nlohmann_json_FOUND AND NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${staged}")
endif()

# One oracle per CPython installation. mvconf_add_cpython(PYTHON) builds mvconf-cpython3.X,
# that CPython's C API served as an out-of-process port (oracle/src/serve_main.cpp), and
# registers the conformance run `conformance.cpython-3.X`: the impl at target 3.X against it.
#
# MVCONF_PYTHONS lists the interpreters: "auto" (every supported python3.X found on PATH
# or under pyenv), "default" (only the default oracle's), or explicit interpreter paths.
set(MVCONF_PYTHONS "auto" CACHE STRING "CPython interpreters to build oracles for (auto, default, or paths)")
set(MVCONF_VERSION_CASES 2000 CACHE STRING "Cases per property in each per-version conformance run")

function(mvconf_add_cpython python)
  execute_process(COMMAND ${python} -c [[
import sys, sysconfig, os
v = "%d.%d" % sys.version_info[:2]
lib = os.path.join(sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("LDLIBRARY") or "")
print(v); print(sysconfig.get_paths()["include"]); print(lib); print(sys.base_prefix)
print(sys.implementation.name)
]] OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(STATUS "mvconf: cannot query ${python}, no oracle for it")
    return()
  endif()
  string(REPLACE "\n" ";" out "${out}")
  list(GET out 0 version)
  list(GET out 1 include)
  list(GET out 2 library)
  list(GET out 3 home)
  list(GET out 4 implementation)
  if(NOT implementation STREQUAL "cpython" OR NOT version MATCHES "^3\\.(${MVCONF_MINORS_REGEX})$")
    message(STATUS "mvconf: ${python} is ${implementation} ${version}, not CPython "
                   "3.${MVCONF_OLDEST_MINOR}-3.${MVCONF_NEWEST_MINOR}: skipped")
    return()
  endif()
  if(TARGET mvconf-cpython${version})
    return()  # two interpreters of one version: the first wins
  endif()
  if(NOT EXISTS "${include}/Python.h" OR NOT library MATCHES "\\.so" OR NOT EXISTS "${library}")
    message(STATUS "mvconf: CPython ${version} (${python}) has no headers or shared library: skipped")
    return()
  endif()
  get_filename_component(libdir "${library}" DIRECTORY)
  set(src ${PROJECT_SOURCE_DIR}/oracle/src)
  add_executable(mvconf-cpython${version} ${src}/serve_main.cpp ${src}/embed.cpp
                 ${src}/exporter_type.cpp ${src}/py_errors.cpp ${src}/port.cpp ${src}/py_call.cpp)
  target_include_directories(mvconf-cpython${version} PRIVATE ${include}
                             ${PROJECT_SOURCE_DIR}/oracle/include)
  target_link_libraries(mvconf-cpython${version} PRIVATE mvconf::runner "${library}")
  target_compile_definitions(mvconf-cpython${version} PRIVATE MVCONF_PYTHON_HOME="${home}")
  set_target_properties(mvconf-cpython${version} PROPERTIES BUILD_RPATH "${libdir}"
                        INSTALL_RPATH "${libdir}" RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/properties)
  mvconf_target_defaults(mvconf-cpython${version})
  add_dependencies(mvconf mvconf-cpython${version})
  install(TARGETS mvconf-cpython${version} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set_property(GLOBAL APPEND PROPERTY MVCONF_CPYTHON_VERSIONS ${version})
  message(STATUS "mvconf: oracle for CPython ${version}: ${python}")
  if(BUILD_TESTING)
    add_test(NAME conformance.cpython-${version}
             COMMAND mvconf run --oracle cpython:${version} --port impl:${version}
                     --cases ${MVCONF_VERSION_CASES} --timeout 60000
                     $<IF:$<BOOL:${MVCONF_SANITIZE}>,--gtest_filter=-Fixture.*:Py*,--gtest_filter=-Fixture.*>)
    set_tests_properties(conformance.cpython-${version} PROPERTIES
                         LABELS "conformance;cpython;cpython-${version}" TIMEOUT 900 COST 25)
  endif()
endfunction()

# The interpreters MVCONF_PYTHONS names.
function(mvconf_find_pythons out)
  if(MVCONF_PYTHONS STREQUAL "default")
    set(${out} ${Python3_EXECUTABLE} PARENT_SCOPE)
    return()
  elseif(NOT MVCONF_PYTHONS STREQUAL "auto")
    set(${out} ${MVCONF_PYTHONS} PARENT_SCOPE)
    return()
  endif()
  set(found ${Python3_EXECUTABLE})
  set(roots "$ENV{PYENV_ROOT}" "$ENV{HOME}/.pyenv")
  foreach(minor IN LISTS MVCONF_MINORS)
    set(hints "")
    foreach(root IN LISTS roots)
      if(root)
        file(GLOB dirs LIST_DIRECTORIES true "${root}/versions/3.${minor}.*/bin")
        list(APPEND hints ${dirs})
      endif()
    endforeach()
    find_program(_mvconf_python3_${minor} NAMES python3.${minor} HINTS ${hints} NO_CACHE)
    if(_mvconf_python3_${minor})
      list(APPEND found ${_mvconf_python3_${minor}})
    endif()
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

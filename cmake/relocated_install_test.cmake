# ctest helper: the installed package works after being moved to another prefix.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK=... -DVERSION=0.1.0 -DGENERATOR=...
#         -DCTEST=... [-DSTALE_PATHS=a;b] -P relocated_install_test.cmake
# Installs BUILD_DIR into WORK/first, renames WORK/first to WORK/moved, then, from the moved tree
# only: checks that no installed CMake file and not the executable names a path it must not
# (the first prefix, or any STALE_PATHS: the source tree's corpus, the configured prefix);
# runs `mvconf --version` and a short `mvconf run` that reads the moved corpus (a bad case
# dropped into it must fail the run, naming the moved file); runs an oracle server and the PyPy
# module from the moved tree when they were built; checks find_package(mvconf) versions; and
# builds and runs the out-of-tree example port (examples/c_port) against the moved prefix.
function(step what)
  message(STATUS "relocated install: ${what}")
endfunction()

# run(EXIT regexes... COMMAND args...): run, require exit status EXIT and every regex.
function(run exit)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "MATCH;COMMAND")
  execute_process(COMMAND ${arg_COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(APPEND out "${err}")
  if(NOT "${rc}" STREQUAL "${exit}")
    message(FATAL_ERROR "`${arg_COMMAND}`: exit status ${rc}, expected ${exit}; output:\n${out}")
  endif()
  foreach(re IN LISTS arg_MATCH)
    if(NOT out MATCHES "${re}")
      message(FATAL_ERROR "`${arg_COMMAND}`: output lacks /${re}/; output:\n${out}")
    endif()
  endforeach()
endfunction()

set(first ${WORK}/first)
set(moved ${WORK}/moved)
file(REMOVE_RECURSE ${WORK})

step("install into ${first}")
run(0 COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${first})
step("move to ${moved}")
file(RENAME ${first} ${moved})
set(mvconf ${moved}/bin/mvconf)

step("no installed file names the first prefix or a stale path")
file(GLOB_RECURSE cmake_files ${moved}/*.cmake)
foreach(path IN LISTS cmake_files)
  file(READ ${path} text)
  string(FIND "${text}" "${first}" at)
  if(at GREATER -1)
    message(FATAL_ERROR "${path} names the prefix it was installed to (${first})")
  endif()
endforeach()
foreach(stale IN LISTS STALE_PATHS)
  file(STRINGS ${mvconf} hits REGEX "${stale}")
  if(hits)
    message(FATAL_ERROR "the installed mvconf names ${stale}: ${hits}")
  endif()
endforeach()

step("mvconf --version")
run(0 COMMAND ${mvconf} --version
    MATCH "^mvconf ${VERSION}\n" "corpus: ${moved}/share/mvconf/cases\n")

step("a short run that uses the moved corpus")
run(0 COMMAND ${mvconf} run --cases 20 --gtest_filter=Corpus.*:IsContiguous.*
    MATCH "Corpus.EveryRegressionCaseMatchesCPython +passed +[1-9]"
          "properties: 2 passed, 0 expected-failure, 0 skipped, 0 failed")
# The same run with a bad case file dropped into the moved corpus: it fails on that file, so
# the corpus it read is the moved one (not the source tree's, not the first prefix's).
# (Reports name corpus files "corpus/NAME:LINE"; only the moved corpus has this one.)
file(COPY ${SOURCE_DIR}/fixtures/bad_cases/misspelt_key.jsonl DESTINATION ${moved}/share/mvconf/cases)
run(1 COMMAND ${mvconf} run --cases 20 --gtest_filter=Corpus.*
    MATCH "corpus/misspelt_key.jsonl:2: not a case")
file(REMOVE ${moved}/share/mvconf/cases/misspelt_key.jsonl)

step("the moved exporter factories (and the pybind11 module, where it was built)")
run(0 COMMAND ${mvconf} exporters --exporter bytearray --cases 50
    MATCH "port 'exporter:bytearray'" "properties: 1 passed")
file(GLOB pybind11_module ${moved}/share/mvconf/python-ext/mvconf_pybind11*)
if(pybind11_module)
  run(1 COMMAND ${mvconf} exporters --exporter pybind11 --cases 50
      MATCH "grants PyBUF_C_CONTIGUOUS with memory that is not C-contiguous")
endif()

file(GLOB servers ${moved}/bin/mvconf-cpython3.*)
if(servers)
  list(GET servers 0 server)
  string(REGEX MATCH "3\\.[0-9]+$" version "${server}")
  step("the moved oracle server for CPython ${version}")
  run(0 COMMAND ${mvconf} run --port impl:${version} --oracle cpython:${version} --cases 20
                --gtest_filter=IsContiguous.*
      MATCH "against cpython-${version}" "properties: 1 passed")
endif()

file(GLOB pypy_module ${moved}/lib*/mvconf/pypy/mvconf_pypy*)
if(pypy_module)
  step("the moved PyPy module")
  run(0 COMMAND ${mvconf} run --port pypy --cases 20 --timeout 20000 --gtest_filter=GetPointer.*
      MATCH "properties: 1 passed")
endif()

step("find_package(mvconf VERSION) against the moved prefix")
set(probe ${WORK}/version-probe)
file(WRITE ${probe}/CMakeLists.txt
  "cmake_minimum_required(VERSION 3.25)\nproject(probe NONE)\n"
  "find_package(mvconf \${WANT} REQUIRED)\nmessage(STATUS \"found mvconf \${mvconf_VERSION}\")\n")
string(REGEX MATCH "^[0-9]+\\.[0-9]+" minor "${VERSION}")
string(REGEX MATCH "^[0-9]+" major "${VERSION}")
math(EXPR next_major "${major} + 1")
run(0 COMMAND ${CMAKE_COMMAND} -S ${probe} -B ${probe}/ok -DWANT=${minor}
              -DCMAKE_PREFIX_PATH=${moved}
    MATCH "found mvconf ${VERSION}")
run(1 COMMAND ${CMAKE_COMMAND} -S ${probe} -B ${probe}/newer -DWANT=${next_major}.0
              -DCMAKE_PREFIX_PATH=${moved}
    MATCH "compatible[ \n]+with requested version \"${next_major}.0\"" "mvconfConfig.cmake, version: ${VERSION}")
if(major EQUAL 0)
  # Before 1.0, a minor release is a breaking one: 0.1 does not satisfy 0.2 nor 0.2 0.1.
  string(REGEX REPLACE "^0\\.([0-9]+).*" "\\1" m "${VERSION}")
  math(EXPR other "${m} + 1")
  run(1 COMMAND ${CMAKE_COMMAND} -S ${probe} -B ${probe}/other -DWANT=0.${other}
                -DCMAKE_PREFIX_PATH=${moved}
      MATCH "compatible[ \n]+with requested version \"0.${other}\"" "mvconfConfig.cmake, version: ${VERSION}")
endif()

step("build and test examples/c_port against the moved prefix")
run(0 COMMAND ${CTEST} --build-and-test ${SOURCE_DIR}/examples/c_port ${WORK}/c_port
              --build-generator ${GENERATOR}
              --build-options -DCMAKE_PREFIX_PATH=${moved} -DCMAKE_BUILD_TYPE=Release
              --test-command ${CTEST} -V
    MATCH "Test command: ${moved}/bin/mvconf \"run\"" "100% tests passed")
step("done")

# Project-wide options and warning flags.
option(MVCONF_WERROR "Treat warnings as errors" OFF)
option(MVCONF_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(MVCONF_FUZZ "Build only the libFuzzer targets, with clang (docs/fuzzing.md)" OFF)
option(MVCONF_BENCH "Build the benchmarks (bench/, Google Benchmark)" OFF)
set(MVCONF_RC_CASES 10000 CACHE STRING "RapidCheck cases per property when RC_PARAMS is unset")

# Each target's files are compiled in batches (CMake's unity build), one translation unit per
# batch: nlohmann/json, RapidCheck, GoogleTest and CLI11 are then parsed, and their inline code
# generated, once per batch instead of once per file. That work, not our code, was most of the
# build: a 73-line file that includes them took 9 s. The catch is that file-local names must
# be unique across a target (a helper copied into two files no longer compiles), which is a
# rule worth having anyway.
option(MVCONF_UNITY "Compile each target's files in batches (unity build)" ON)
set(MVCONF_UNITY_BATCH 8 CACHE STRING "Files per translation unit in a unity build")

# Every mvconf target calls this: -Wall -Wextra, the batches above, and the sanitizers when
# asked.
function(mvconf_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${MVCONF_WERROR}>:-Werror>)
  set_target_properties(${target} PROPERTIES UNITY_BUILD ${MVCONF_UNITY}
                                             UNITY_BUILD_BATCH_SIZE ${MVCONF_UNITY_BATCH})
endfunction()

# On top of the batches, clang gains from a precompiled header of the heavy third-party headers
# per harness target and GCC loses by it (GCC's 160 MB header made small files slower). Measured
# on 2 cores from clean, with the batches: the sanitizer build (clang) 171 s without, 141 s
# with; the default build (GCC) 213 s without, 238 s with. Before the batches: 264 s and 385 s.
set(_mvconf_pch_default OFF)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(_mvconf_pch_default ON)
endif()
option(MVCONF_PCH "Precompile the third-party headers of the harness targets" ${_mvconf_pch_default})
function(mvconf_precompile target)
  if(MVCONF_PCH)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

# Under the sanitizers, out-of-process runs leave the Python-level properties to the in-process
# ones: some deep tolist answers take longer than a per-case timeout there.
set(MVCONF_SANITIZER_FILTER "")
# The whole-suite runs through another path (out of process, a .so, a report file) exist to
# reach that path's code under the sanitizers; the default build runs them at full budget, and
# here a smaller one reaches the same code (CI's time goes to the sanitizers' 2-3x slowdown).
set(MVCONF_PATH_CASES 500)
set(MVCONF_LIFETIME_CASES 1000)
set(MVCONF_REPORT_CASES 200)
# Cases of the hostile-port self-tests that run three properties through a Python proxy and
# `mvconf serve` (each case two process hops; under the sanitizers 30 s a test at 100).
set(MVCONF_CHAOS_CASES 100)
if(MVCONF_SANITIZE)
  set(MVCONF_CHAOS_CASES 50)
  set(MVCONF_SANITIZER_FILTER "--gtest_filter=-Fixture.*:Py*")
  set(MVCONF_PATH_CASES 200)
  set(MVCONF_LIFETIME_CASES 400)
  set(MVCONF_REPORT_CASES 100)
endif()

if(MVCONF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# The libFuzzer targets (properties/fuzz/) are built by the fuzz preset (MVCONF_FUZZ: only they
# and what they link, optimized, for long runs) and by a clang sanitizer build (the test run's
# short fuzz run, sharing that build's objects instead of compiling a third tree).
set(MVCONF_FUZZ_TARGETS_BUILT OFF)
if(MVCONF_FUZZ OR (MVCONF_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang"))
  set(MVCONF_FUZZ_TARGETS_BUILT ON)
endif()

# The fuzz build: everything the targets link is instrumented for coverage and checked by ASan
# and UBSan (any UB aborts, so it is a crash the fuzzer keeps); only the fuzz targets link
# libFuzzer itself (properties/fuzz/).
if(MVCONF_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MVCONF_FUZZ needs clang (cmake --preset fuzz), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(MVCONF_SANITIZE)
    message(FATAL_ERROR "MVCONF_FUZZ already builds with the sanitizers: drop MVCONF_SANITIZE")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# What a fuzz target links gets coverage instrumentation (libFuzzer's guidance) in a clang
# sanitizer build too; elsewhere in that build the hooks are the sanitizer runtime's no-ops.
function(mvconf_fuzz_instrumented target)
  if(MVCONF_FUZZ_TARGETS_BUILT AND NOT MVCONF_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

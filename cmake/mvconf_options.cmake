# Project-wide options and warning flags.
option(MVCONF_WERROR "Treat warnings as errors" OFF)
option(MVCONF_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(MVCONF_BENCH "Build the benchmarks (bench/, Google Benchmark)" OFF)
set(MVCONF_RC_CASES 10000 CACHE STRING "RapidCheck cases per property when RC_PARAMS is unset")

# Every mvconf target calls this: -Wall -Wextra, and the sanitizers when asked.
function(mvconf_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${MVCONF_WERROR}>:-Werror>)
endfunction()

# Under the sanitizers, out-of-process runs leave the Python-level properties to the in-process
# ones: some deep tolist answers take longer than a per-case timeout there.
set(MVCONF_SANITIZER_FILTER "")
if(MVCONF_SANITIZE)
  set(MVCONF_SANITIZER_FILTER "--gtest_filter=-Fixture.*:Py*")
endif()

if(MVCONF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

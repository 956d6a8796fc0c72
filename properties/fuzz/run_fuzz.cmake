# One fuzz target's short run, as ctest runs it: first every regression input under
# fixtures/fuzz_regressions/<target>/ once (each must run, and none may fail), then fuzzing
# from the seeds and those inputs for SECONDS with a fixed SEED. Fails when the target
# crashes, breaks an invariant, or executes no input at all.
# cmake -DFUZZER= -DNAME= -DSEEDS= -DREGRESSIONS= -DWORK= -DDICT= -DMAX_LEN= -DSECONDS= -DSEED=
#       -P run_fuzz.cmake
foreach(var FUZZER NAME SEEDS REGRESSIONS WORK DICT MAX_LEN SECONDS SEED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzz.cmake: -D${var}= missing")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
set(options -timeout=25 -rss_limit_mb=2048 -max_len=${MAX_LEN} -dict=${DICT}
            -artifact_prefix=${WORK}/artifacts/)

function(fail what output)
  string(LENGTH "${output}" n)
  if(n GREATER 6000)
    math(EXPR from "${n} - 6000")
    string(SUBSTRING "${output}" ${from} 6000 output)
  endif()
  message(FATAL_ERROR "${output}\nmvconf fuzz: ${NAME}: ${what}\nartifacts in ${WORK}/artifacts/: "
                      "keep a crash input as fixtures/fuzz_regressions/${NAME}/<short-name> once fixed "
                      "(docs/fuzzing.md)")
endfunction()

set(dirs ${SEEDS})
file(GLOB regressions LIST_DIRECTORIES false ${REGRESSIONS}/*)
list(LENGTH regressions nreg)
if(nreg GREATER 0)
  execute_process(COMMAND ${FUZZER} ${options} ${regressions} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REGEX MATCHALL "Executed [^\n]* in [0-9]+ ms" ran "${out}")
  list(LENGTH ran nran)
  if(NOT rc EQUAL 0 OR NOT nran EQUAL nreg)
    fail("regression inputs: ${nran} of ${nreg} ran, exit ${rc}" "${out}")
  endif()
  message(STATUS "mvconf fuzz: ${NAME}: ${nreg} regression input(s) replayed")
  list(APPEND dirs ${REGRESSIONS})
endif()

execute_process(COMMAND ${FUZZER} ${options} -seed=${SEED} -max_total_time=${SECONDS}
                        -print_final_stats=1 ${WORK}/corpus ${dirs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  fail("fuzzing failed (exit ${rc})" "${out}")
endif()
string(REGEX MATCH "Done ([0-9]+) runs in ([0-9]+) second" done "${out}")
if(NOT done OR CMAKE_MATCH_1 EQUAL 0)
  fail("no input was executed" "${out}")
endif()
set(runs ${CMAKE_MATCH_1})
set(seconds ${CMAKE_MATCH_2})
string(REGEX MATCHALL "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+" cov "${out}")
list(POP_BACK cov last)
message(STATUS "mvconf fuzz: ${NAME}: ${runs} runs in ${seconds} s (seed ${SEED}), ${last}")

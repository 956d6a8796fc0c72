# ctest registration: one labelled group of conformance tests per C API function, the
# regression corpus, and the mutant self-tests that prove the harness catches wrong ports.

# suite name -> label of the function it covers
set(_mvconf_suites
  IsContiguous:is_contiguous ContiguityFlags:contiguity_flags FromObject:from_object
  FromMemory:from_memory FromBuffer:from_buffer GetContiguous:get_contiguous Check:check
  GetBuffer:get_buffer GetBase:get_base ToContiguous:to_contiguous FromContiguous:from_contiguous
  FillContiguousStrides:fill_contiguous_strides GetPointer:get_pointer FillInfo:fill_info
  Corpus:corpus Fixture:fixture)
foreach(pair IN LISTS _mvconf_suites)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 suite)
  list(GET pair 1 label)
  gtest_discover_tests(mvconf
    TEST_FILTER "${suite}.*"
    EXTRA_ARGS --port impl
    TEST_PREFIX "impl."
    PROPERTIES LABELS "conformance;${label}" TIMEOUT 600
    DISCOVERY_MODE PRE_TEST)
endforeach()

# Each mutant breaks one rule; the test passes only when the suite prints a minimal case.
set(_mvconf_mutants
  "c_contig_no_unit_skip|IsContiguous.*"
  "copy_writable|GetContiguous.*"
  "from_memory_flags0_writable|FromMemory.*"
  "fortran_flag_len0|ContiguityFlags.*"
  "invalid_order_as_c|GetContiguous.*:ToContiguous.*"
  "from_buffer_keeps_obj|FromBuffer.*")
foreach(entry IN LISTS _mvconf_mutants)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 filter)
  add_test(NAME selftest.mutant.${name}
           COMMAND mvconf --port mutant:${name} --gtest_filter=${filter})
  set_tests_properties(selftest.mutant.${name} PROPERTIES
    LABELS "selftest" TIMEOUT 600
    PASS_REGULAR_EXPRESSION "mvconf-case: \\{"
    FAIL_REGULAR_EXPRESSION "unknown mutant")
endforeach()

# The clean-room rule, checked on what was built: no Python.h under impl/, no Py* symbol
# needed by the impl library.
add_test(NAME selftest.ImplHasNoPython
         COMMAND ${CMAKE_COMMAND} -DIMPL_DIR=${PROJECT_SOURCE_DIR}/impl
                 -DIMPL_LIB=$<TARGET_FILE:mvconf_impl> -P ${PROJECT_SOURCE_DIR}/cmake/check_no_python.cmake)
set_tests_properties(selftest.ImplHasNoPython PROPERTIES LABELS "selftest;unit")

add_test(NAME selftest.ReplayCommand
         COMMAND mvconf replay ${PROJECT_SOURCE_DIR}/fixtures/cases --port impl)
set_tests_properties(selftest.ReplayCommand PROPERTIES LABELS "selftest"
  PASS_REGULAR_EXPRESSION "replay: [1-9][0-9]* passed, 0 failed")

# Ports reached the other ways: out of process, as a shared library, and a misbehaving one.
set(_mvconf_expect ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE})
add_test(NAME selftest.OutOfProcessPort
         COMMAND mvconf run "--port=exec:$<TARGET_FILE:mvconf> serve --port impl" --cases 500)
add_test(NAME selftest.SharedLibraryPort
         COMMAND mvconf run --port $<TARGET_FILE:mvconf_impl_port> --cases 500)
add_test(NAME selftest.SupervisesCrashingHangingPorts
         COMMAND ${_mvconf_expect} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=exec:${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/fixtures/ports/chaos_port.py $<TARGET_FILE:mvconf>;--timeout;1000;--cases;200;--gtest_filter=IsContiguous.*:ToContiguous.*:FillContiguousStrides.*"
                 "-DMATCH=killed by SIGABRT;no answer within 1000 ms;protocol: not JSON;mvconf-case: {"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.JUnitReport
         COMMAND ${_mvconf_expect} -DEXIT=0 -DJUNIT=${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;impl;--cases;200;--junit;${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml"
                 "-DMATCH=properties: [0-9]+ passed, 0 failed"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.ExpectedFailuresPass
         COMMAND ${_mvconf_expect} -DEXIT=0
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;mutant:copy_writable;--cases;1000;--expect;${PROJECT_SOURCE_DIR}/fixtures/expectations/copy_writable.json"
                 "-DMATCH=GetContiguous.CopyOrShareAgreesWithCPython +expected-failure"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.StaleExpectationsFail
         COMMAND ${_mvconf_expect} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;impl;--cases;200;--expect;${PROJECT_SOURCE_DIR}/fixtures/expectations/stale.json"
                 "-DMATCH=unexpected-pass"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
set_tests_properties(selftest.OutOfProcessPort selftest.SharedLibraryPort
                     selftest.SupervisesCrashingHangingPorts selftest.JUnitReport
                     selftest.ExpectedFailuresPass selftest.StaleExpectationsFail
                     PROPERTIES LABELS "selftest;ports" TIMEOUT 600)

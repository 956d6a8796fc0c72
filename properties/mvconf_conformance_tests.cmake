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

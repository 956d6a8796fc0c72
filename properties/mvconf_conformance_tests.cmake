# ctest registration: one labelled group of conformance tests per C API function, the
# regression corpus, and the mutant self-tests that prove the harness catches wrong ports.

# suite name -> label of the function it covers
set(_mvconf_suites
  IsContiguous:is_contiguous ContiguityFlags:contiguity_flags FromObject:from_object
  FromMemory:from_memory FromBuffer:from_buffer GetContiguous:get_contiguous Check:check
  GetBuffer:get_buffer GetBase:get_base ToContiguous:to_contiguous FromContiguous:from_contiguous
  FillContiguousStrides:fill_contiguous_strides GetPointer:get_pointer FillInfo:fill_info
  Corpus:corpus Fixture:fixture Reexport:reexport SizeFromFormat:size_from_format
  CopyData:copy_data PyBytes:python_api PyIndexing:python_api PyAssignment:python_api
  PyCast:python_api PyCompare:python_api PyHash:python_api PyRelease:python_api
  PyLifecycle:python_api PyLifecycleModel:lifecycle Validator:validator)
# gtest_discover_tests flattens list-valued PROPERTIES (LABELS "a;b" TIMEOUT 600 became one
# label and a lost timeout), so the labels and timeout are set by a file ctest includes after
# the discovered tests, from each suite's TEST_LIST.
set(_mvconf_labels_file ${CMAKE_CURRENT_BINARY_DIR}/mvconf_conformance_labels.cmake)
set(_mvconf_labels "")
foreach(pair IN LISTS _mvconf_suites)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 suite)
  list(GET pair 1 label)
  gtest_discover_tests(mvconf
    TEST_FILTER "${suite}.*"
    EXTRA_ARGS --port impl
    TEST_PREFIX "impl."
    TEST_LIST mvconf_tests_${suite}
    DISCOVERY_MODE PRE_TEST)
  string(APPEND _mvconf_labels
    "if(mvconf_tests_${suite})\n"
    "  set_tests_properties(\${mvconf_tests_${suite}} PROPERTIES LABELS \"conformance;${label}\" TIMEOUT 600)\n"
    "endif()\n")
endforeach()
file(WRITE ${_mvconf_labels_file} "${_mvconf_labels}")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_mvconf_labels_file})

# Each mutant breaks one rule; the test passes only when the suite prints a minimal case.
set(_mvconf_mutants
  "c_contig_no_unit_skip|IsContiguous.*"
  "f_contig_null_strides_always|IsContiguous.*"
  "len0_no_shortcut|IsContiguous.*"
  "a_order_c_only|IsContiguous.*"
  "innermost_stride_one|IsContiguous.*"
  "suboffsets_after_len0|IsContiguous.*"
  "negative_suboffsets_ignored|IsContiguous.*"
  "invalid_order_answers_1|IsContiguous.*"
  "fortran_flag_len0|ContiguityFlags.*"
  "scalar_flag_missing|ContiguityFlags.*"
  "pil_keeps_cf|ContiguityFlags.*"
  "flags_1d_ignores_extent1|ContiguityFlags.*"
  "null_format_kept|FromBuffer.*:FromObject.*"
  "null_format_not_utf8|FromBuffer.*:FromObject.*"
  "null_format_itemsize_1|FromBuffer.*:FromObject.*"
  "len_recomputed|FromBuffer.*:FromObject.*"
  "rebuilt_shape_rounds_up|FromBuffer.*:FromObject.*"
  "from_buffer_buf_check_late|FromBuffer.*"
  "ndim_limit_off_by_one|FromObject.*:FromBuffer.*"
  "ndim_limit_buffer_error|FromObject.*:FromBuffer.*"
  "from_view_new_mbuf|FromObject.*"
  "from_view_getbuffer_again|FromObject.*"
  "request_flags_full|FromObject.*"
  "release_at_construction|FromObject.*"
  "release_twice_on_ndim_error|FromObject.*"
  "non_buffer_message_no_prefix|FromObject.*"
  "from_memory_flags0_writable|FromMemory.*"
  "from_buffer_keeps_obj|FromBuffer.*"
  "copy_writable|GetContiguous.*"
  "invalid_order_as_c|GetContiguous.*:ToContiguous.*"
  "contig_no_copy_base_null|GetContiguous.*:GetBase.*"
  "write_check_after_contiguity|GetContiguous.*"
  "noncontig_message_no_period|GetContiguous.*"
  "buffertype0_as_write|GetContiguous.*"
  "copy_c_order_for_f|GetContiguous.*"
  "copy_a_fortran|GetContiguous.*"
  "copy_keeps_suboffsets|GetContiguous.*"
  "copy_format_shared|GetContiguous.*"
  "to_contiguous_short_len_accepted|ToContiguous.*"
  "from_contiguous_no_clamp|FromContiguous.*"
  "from_contiguous_a_fortran|FromContiguous.*"
  "fill_strides_a_as_f|FillContiguousStrides.*"
  "get_pointer_wraps_negative|GetPointer.*"
  "fill_info_rejects_readonly_nonzero|FillInfo.*"
  "fill_info_format_always|FillInfo.*"
  "fill_info_shape_on_strides_bit|FillInfo.*"
  "release_skips_releasebuffer|FillInfo.*"
  "getbuf_suboffsets_before_contig|Reexport.*"
  "getbuf_no_format_itemsize_1|Reexport.*"
  "release_exports_no_plural|Reexport.*"
  "calcsize_zero_count_no_align|SizeFromFormat.*"
  "calcsize_standard_aligns|SizeFromFormat.*"
  "copy_data_mixed_order_memcpy|CopyData.*"
  "tobytes_a_as_c|PyBytes.*"
  "hex_sep_from_left|PyBytes.*"
  "index_no_negative_wrap|PyIndexing.*:PyAssignment.*"
  "readonly_before_format|PyAssignment.*"
  "slice_assign_ignores_format|PyAssignment.*"
  "slice_assign_at_not_stripped|PyAssignment.*"
  "cast_zeros_rule_always|PyCast.*"
  "compare_nan_equal|PyCompare.*"
  "compare_shape_full_scan|PyCompare.*"
  "compare_bad_format_raises|PyCompare.*"
  "unpack_ignores_byte_order|PyCompare.*"
  "hash_writable_allowed|PyHash.*"
  "hash_fortran_physical|PyHash.*"
  "hash_ignores_exporter|PyHash.*"
  "hash_exporter_before_format|PyHash.*"
  "free_waits_for_released_siblings|PyLifecycleModel.*"
  "free_ignores_exports|PyLifecycleModel.*"
  "release_ignores_exports|PyLifecycleModel.*"
  "hash_not_cached|PyLifecycleModel.*")
# The mutants prove the harness's power, which the sanitizer build does not change: they run in
# the default build only (some need the full 10,000-case schedule to die).
if(MVCONF_SANITIZE)
  set(_mvconf_mutants "")
endif()
foreach(entry IN LISTS _mvconf_mutants)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 filter)
  add_test(NAME selftest.mutant.${name}
           COMMAND mvconf --port mutant:${name} --gtest_filter=${filter} --fail-fast)
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
  PASS_REGULAR_EXPRESSION "replay: [1-9][0-9]* passed, 0 expected, 0 skipped, 0 failed, 0 invalid")

# Ports reached the other ways: out of process, as a shared library, and a misbehaving one.
set(_mvconf_expect ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE})
add_test(NAME selftest.OutOfProcessPort
         COMMAND mvconf run "--port=exec:$<TARGET_FILE:mvconf> serve --port impl" --cases 500
                 --timeout 60000 ${MVCONF_SANITIZER_FILTER})
# dogfoods mvconf_add_port(); the sanitizer build skips its Python-level properties (the
# in-process ones run there already).
if(MVCONF_SANITIZE)
  mvconf_add_port(impl_library LIBRARY mvconf_impl_port CASES 500 ARGS ${MVCONF_SANITIZER_FILTER})
else()
  mvconf_add_port(impl_library LIBRARY mvconf_impl_port CASES 500)
endif()
# Each hang costs the full timeout, so each property stops at its first class (one per
# misbehaviour) and shrinks it briefly.
add_test(NAME selftest.SupervisesCrashingHangingPorts
         COMMAND ${_mvconf_expect} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=exec:${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/fixtures/ports/chaos_port.py $<TARGET_FILE:mvconf>;--timeout;1000;--cases;200;--fail-fast;--max-shrinks;30;--gtest_filter=IsContiguous.*:ToContiguous.*:FillContiguousStrides.*"
                 "-DMATCH=killed by SIGABRT;no answer within 1000 ms;protocol: not JSON;mvconf-case: {"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.JUnitReport
         COMMAND ${_mvconf_expect} -DEXIT=0 -DJUNIT=${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;impl;--cases;200;--junit;${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml"
                 "-DMATCH=properties: [0-9]+ passed, 0 expected-failure, 0 skipped, 0 failed, 0 unexpected-pass"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.ExpectedFailuresPass
         COMMAND ${_mvconf_expect} -DEXIT=0
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;mutant:copy_writable;--cases;1000;--gtest_filter=GetContiguous.*:FromObject.*;--expect;${PROJECT_SOURCE_DIR}/fixtures/expectations/copy_writable.json"
                 "-DMATCH=GetContiguous.CopyOrShareAgreesWithCPython +expected-failure"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.StaleExpectationsFail
         COMMAND ${_mvconf_expect} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;impl;--cases;200;--gtest_filter=GetContiguous.*:FromObject.*;--expect;${PROJECT_SOURCE_DIR}/fixtures/expectations/stale.json"
                 "-DMATCH=unexpected-pass"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
# The 3.12+ object lifetimes (PEP 688 buffer views holding their parent) under the sanitizers:
# the default oracle is 3.11, where those calls only raise, so the 3.12 impl runs against
# itself here; the lifecycle law still judges every step, and ASan every access.
if(MVCONF_SANITIZE)
  add_test(NAME selftest.Pep688LifetimesUnderSanitizers
           COMMAND mvconf run --port impl:3.12 --oracle impl:3.12 --cases 1000
                   --gtest_filter=PyLifecycle*)
  set_tests_properties(selftest.Pep688LifetimesUnderSanitizers PROPERTIES
    LABELS "selftest" TIMEOUT 600)
endif()
set_tests_properties(selftest.OutOfProcessPort
                     selftest.SupervisesCrashingHangingPorts selftest.JUnitReport
                     selftest.ExpectedFailuresPass selftest.StaleExpectationsFail
                     PROPERTIES LABELS "selftest;ports" TIMEOUT 600)

# PyPy's C API, out of process, against its class-level expectations file (when pypy3-dev is
# installed). Every class is still collected and checked against the file; shrinking is bounded
# because each crashing case restarts pypy3 (docs/ports/pypy3.md is made with the full budget).
if(MVCONF_PYPY_FOUND)
  mvconf_add_port(pypy SPEC pypy EXPECTATIONS ${PROJECT_SOURCE_DIR}/fixtures/expectations/pypy3.json
                  ARGS --timeout 20000 --max-classes 4 --max-shrinks 100)
endif()

# Packaging: install into a prefix, move the installed tree to another prefix, and use it from
# there: --version, a run on the moved corpus, the oracle servers and the PyPy module, the
# package's version check, and the out-of-tree example port built and run against it
# (cmake/relocated_install_test.cmake).
add_test(NAME selftest.RelocatedInstall
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -DWORK=${CMAKE_BINARY_DIR}/relocation -DVERSION=${PROJECT_VERSION}
                 "-DGENERATOR=${CMAKE_GENERATOR}" -DCTEST=${CMAKE_CTEST_COMMAND}
                 "-DSTALE_PATHS=${PROJECT_SOURCE_DIR}/fixtures/cases;${CMAKE_INSTALL_PREFIX}/share/mvconf"
                 -P ${PROJECT_SOURCE_DIR}/cmake/relocated_install_test.cmake)
set_tests_properties(selftest.RelocatedInstall PROPERTIES LABELS "selftest;package;ports"
                     TIMEOUT 1200)

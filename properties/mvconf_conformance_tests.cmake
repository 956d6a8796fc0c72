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
  PyLifecycle:python_api PyLifecycleModel:lifecycle Validator:validator PyLevel:python_level)
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
  # The Python-level properties are the long ones: started first, they pack the two cores.
  set(cost 0)
  if(label MATCHES "^(python_api|lifecycle)$")
    set(cost 20)
  endif()
  string(APPEND _mvconf_labels
    "if(mvconf_tests_${suite})\n"
    "  set_tests_properties(\${mvconf_tests_${suite}} PROPERTIES LABELS \"conformance;${label}\" TIMEOUT 600 COST ${cost})\n"
    "endif()\n")
endforeach()
file(WRITE ${_mvconf_labels_file} "${_mvconf_labels}")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_mvconf_labels_file})

# Each mutant breaks one rule of the catalogue (impl/include/mvconf/impl/catalogue.def); its
# test passes only when the properties named there print a minimal case. The tests are written
# by mvconf_catalogue at build time, so the catalogue is the only list. The mutants prove the
# harness's power, which the sanitizer build does not change: they run in the default build only.
if(NOT MVCONF_SANITIZE)
  set(_mvconf_mutant_tests ${CMAKE_CURRENT_BINARY_DIR}/mvconf_mutant_tests.cmake)
  add_custom_command(OUTPUT ${_mvconf_mutant_tests}
    COMMAND mvconf_catalogue ctest $<TARGET_FILE:mvconf> > ${_mvconf_mutant_tests}
    DEPENDS mvconf_catalogue mvconf
    COMMENT "Registering one ctest test per mutant of the rules catalogue")
  add_custom_target(mvconf_mutant_tests ALL DEPENDS ${_mvconf_mutant_tests})
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_mvconf_mutant_tests})
endif()

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
         COMMAND mvconf run "--port=exec:$<TARGET_FILE:mvconf> serve --port impl" --cases ${MVCONF_PATH_CASES}
                 --timeout 60000 ${MVCONF_SANITIZER_FILTER})
# mvconf_add_port(COMMAND) passes each word as given: the Python code below has blanks, quotes
# and shell characters and must reach python as one argument.
mvconf_add_port(exec_quoting COMMAND ${Python3_EXECUTABLE} -c
                "sys = __import__('sys')  \n__import__('os').execv(sys.argv[1], sys.argv[1:])"
                $<TARGET_FILE:mvconf>
                serve --port impl
                CASES 100 ARGS --gtest_filter=IsContiguous.*:FromObject.*)
# dogfoods mvconf_add_port(); the sanitizer build skips its Python-level properties (the
# in-process ones run there already).
if(MVCONF_SANITIZE)
  mvconf_add_port(impl_library LIBRARY mvconf_impl_port CASES ${MVCONF_PATH_CASES}
                  ARGS ${MVCONF_SANITIZER_FILTER})
else()
  mvconf_add_port(impl_library LIBRARY mvconf_impl_port CASES 500)
endif()
# Each hang costs the full timeout, so each property stops at its first class (one per
# misbehaviour) and shrinks it briefly (ten steps: ten timeouts or restarts).
add_test(NAME selftest.SupervisesCrashingHangingPorts
         COMMAND ${_mvconf_expect} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=exec:${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/fixtures/ports/chaos_port.py $<TARGET_FILE:mvconf>;--timeout;1000;--cases;200;--fail-fast;--max-shrinks;10;--gtest_filter=IsContiguous.*:ToContiguous.*:FillContiguousStrides.*"
                 "-DMATCH=killed by SIGABRT;no answer within 1000 ms;protocol: not JSON;mvconf-case: {"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
add_test(NAME selftest.JUnitReport
         COMMAND ${_mvconf_expect} -DEXIT=0 -DJUNIT=${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;impl;--cases;${MVCONF_REPORT_CASES};--junit;${CMAKE_CURRENT_BINARY_DIR}/junit-selftest.xml"
                 "-DMATCH=properties: [0-9]+ passed, 0 expected-failure, 0 skipped, 0 failed, 0 unexpected-pass"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
# `mvconf run ARGS...` must exit with EXIT and print MATCH (cmake/expect_run.cmake).
function(_mvconf_run_selftest name exit match)
  list(JOIN ARGN ";" _args)
  add_test(NAME selftest.${name}
           COMMAND ${_mvconf_expect} -DEXIT=${exit} "-DCOMMAND=$<TARGET_FILE:mvconf>;run;${_args}"
                   "-DMATCH=${match}" -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
endfunction()
set(_mvconf_expect_dir ${PROJECT_SOURCE_DIR}/fixtures/expectations)
_mvconf_run_selftest(ExpectedFailuresPass 0 "GetContiguous.CopyOrShareAgreesWithCPython +expected-failure"
  --port mutant:copy_writable --cases 1000 --gtest_filter=GetContiguous.*:FromObject.*
  --expect ${_mvconf_expect_dir}/copy_writable.json)
_mvconf_run_selftest(StaleExpectationsFail 1 "unexpected-pass"
  --port impl --cases 200 --gtest_filter=GetContiguous.*:FromObject.*
  --expect ${_mvconf_expect_dir}/stale.json)
# An entry whose class names an operation the filtered run never reached is not judged, and the
# report says so; the same entry in a run that reaches the operation is stale.
_mvconf_run_selftest(UnreachedOperationIsNotJudged 0
  "NOTE: .*unreached_op.json: expectations.0.: class \"from_contiguous [|] memory_after\" not judged: no case of this run reached its operation"
  --port impl --cases 50 --gtest_filter=GetContiguous.* --expect ${_mvconf_expect_dir}/unreached_op.json)
_mvconf_run_selftest(ReachedOperationIsJudged 1 "stale expectation .*from_contiguous [|] memory_after"
  --port impl --cases 50 --gtest_filter=FromContiguous.* --expect ${_mvconf_expect_dir}/unreached_op.json)
set_tests_properties(selftest.UnreachedOperationIsNotJudged selftest.ReachedOperationIsJudged
                     PROPERTIES LABELS "selftest" TIMEOUT 120)
# The 3.12+ object lifetimes (PEP 688 buffer views holding their parent) under the sanitizers:
# the default oracle is 3.11, where those calls only raise, so the 3.12 impl runs against
# itself here; the lifecycle law still judges every step, and ASan every access.
if(MVCONF_SANITIZE)
  add_test(NAME selftest.Pep688LifetimesUnderSanitizers
           COMMAND mvconf run --port impl:3.12 --oracle impl:3.12 --cases ${MVCONF_LIFETIME_CASES}
                   --gtest_filter=PyLifecycle*)
  set_tests_properties(selftest.Pep688LifetimesUnderSanitizers PROPERTIES COST 70
    LABELS "selftest" TIMEOUT 600)
endif()
set_tests_properties(selftest.OutOfProcessPort
                     selftest.SupervisesCrashingHangingPorts selftest.JUnitReport
                     selftest.ExpectedFailuresPass selftest.StaleExpectationsFail
                     PROPERTIES LABELS "selftest;ports" TIMEOUT 600)

# PyPy's C API, out of process, against its class-level expectations file (when pypy3-dev is
# installed), with the Python level over its exporters (PyPy's app-level memoryview of a cpyext
# object), which the same file sorts. Shrinking is bounded (each crashing case restarts pypy3)
# and every class is still collected and checked against the file. 1000 cases per property meet
# every entry (none stale); at 500, from_contiguous | memory_after does not occur. It takes about
# 105 s (63 s at the C level alone; 124 s with --max-classes 4 --max-shrinks 100). docs/ports/
# pypy3.md is made with the full budget. COST makes ctest start it first.
if(MVCONF_PYPY_FOUND)
  mvconf_add_port(pypy SPEC pypy EXPECTATIONS ${PROJECT_SOURCE_DIR}/fixtures/expectations/pypy3.json
                  CASES 1000 ARGS --timeout 20000 --max-classes 2 --max-shrinks 20)
  set_tests_properties(mvconf.port.pypy PROPERTIES COST 10000)
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

# Deep runs split over CI jobs: two `--shard I/2` runs merged by `mvconf merge` must equal one
# run with twice the cases, class by class; stale entries fail the merge, never a shard. Under
# the sanitizers (where each of its ten mvconf processes starts slowly) with fewer cases.
set(_mvconf_shard_cases 150)
if(MVCONF_SANITIZE)
  set(_mvconf_shard_cases 40)
endif()
add_test(NAME selftest.ShardsMergeToOneRun
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/shards_match_run.py
                 $<TARGET_FILE:mvconf> ${PROJECT_SOURCE_DIR}/fixtures/expectations
                 ${CMAKE_CURRENT_BINARY_DIR}/shards ${_mvconf_shard_cases})
set_tests_properties(selftest.ShardsMergeToOneRun PROPERTIES LABELS "selftest;cli" TIMEOUT 300)

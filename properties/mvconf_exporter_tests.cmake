# The exporter contract (docs/exporters.md): each shipped factory against its expectations file
# (none: it must pass), and the self-tests that prove `mvconf exporters` can fail.

# The shipped factories, read from the one list (mvconf_exporters.builtin_factories.FACTORIES).
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${PROJECT_SOURCE_DIR}/fixtures/exporters
          ${Python3_EXECUTABLE} -c "import mvconf_exporters as F; print(';'.join(F.names()))"
  OUTPUT_VARIABLE _mvconf_exporters OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0 OR NOT _mvconf_exporters)
  message(FATAL_ERROR "mvconf: cannot list the exporter factories (fixtures/exporters)")
endif()
set(_mvconf_exporter_cases 3000)
if(MVCONF_SANITIZE)
  set(_mvconf_exporter_cases 500)
endif()
foreach(name IN LISTS _mvconf_exporters)
  set(expect ${PROJECT_SOURCE_DIR}/fixtures/exporters/expectations/${name}.json)
  set(cmd $<TARGET_FILE:mvconf> exporters --exporter ${name} --cases ${_mvconf_exporter_cases}
          --junit ${CMAKE_CURRENT_BINARY_DIR}/exporter-${name}.xml)
  if(EXISTS ${expect})
    list(APPEND cmd --expect ${expect})
  endif()
  add_test(NAME exporters.${name} COMMAND ${cmd})
  # A factory whose library is absent (NumPy without python3-numpy) is a skip, said as such.
  set_tests_properties(exporters.${name} PROPERTIES LABELS "exporters" TIMEOUT 300
                       SKIP_REGULAR_EXPRESSION "exporter '${name}' unavailable")
endforeach()

set(_mvconf_selftest_path --path ${PROJECT_SOURCE_DIR}/fixtures/exporters/testing)
function(mvconf_exporter_selftest name exit match)
  add_test(NAME selftest.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=${exit} "-DMATCH=${match}"
                   "-DCOMMAND=$<TARGET_FILE:mvconf>;exporters;${ARGN}"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(selftest.${name} PROPERTIES LABELS "selftest;exporters" TIMEOUT 120)
endfunction()
# ctypes without its expectations: every class is new, each with a minimal case and a
# reproduction; the run fails.
mvconf_exporter_selftest(ExporterViolationsAreCaught 1
  "NEW +Exporters.HonourEveryRequest;format set without PyBUF_FORMAT;grants PyBUF_F_CONTIGUOUS with memory that is not Fortran-contiguous;minimal case: [{]\"exporter\":\"ctypes\";divergence classes: [1-9][0-9]* new"
  --exporter ctypes --cases 300)
mvconf_exporter_selftest(ExporterReplayShowsTheReproduction 1
  "format set without PyBUF_FORMAT;reproduce 'format set without PyBUF_FORMAT' [(]plain Python[)]: PYTHONPATH=.* python3 -c .*F.getbuffer[(]o, \"PyBUF_SIMPLE"
  --exporter ctypes --layout "{\"format\":\"c_int\",\"shape\":[2,2],\"order\":\"C\",\"slices\":null,\"readonly\":false,\"seed\":1}")
# The reproduction runs on the real exporter without mvconf and shows the violation: ctypes
# grants a Fortran-order request for its C-ordered 2x2 array (shape given, strides NULL).
add_test(NAME selftest.ExporterReproductionShowsTheViolation
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;exporters;--exporter;ctypes;--layout;{\"format\":\"c_int\",\"shape\":[2,2],\"order\":\"C\",\"slices\":null,\"readonly\":false,\"seed\":1}"
                 "-DCLASS=grants PyBUF_F_CONTIGUOUS with memory that is not Fortran-contiguous"
                 "-DMATCH='shape': \\[2, 2\\], 'strides': None"
                 -P ${PROJECT_SOURCE_DIR}/cmake/run_reproduction.cmake)
set_tests_properties(selftest.ExporterReproductionShowsTheViolation PROPERTIES
                     LABELS "selftest;exporters" TIMEOUT 60)
mvconf_exporter_selftest(ExporterThatMakesNothingIsNotGreen 1
  "the factory made no object for any layout: nothing was checked"
  --exporter selftest_factories:never ${_mvconf_selftest_path} --cases 50)
mvconf_exporter_selftest(ExporterFactoryErrorIsAClass 1
  "the factory raised;RuntimeError: factory bug"
  --exporter selftest_factories:raises ${_mvconf_selftest_path} --cases 50)
mvconf_exporter_selftest(ExporterUserFactoryPasses 0
  "properties: 1 passed"
  --exporter selftest_factories:plain_bytearray ${_mvconf_selftest_path} --cases 300)
mvconf_exporter_selftest(UnknownExporterIsAnError 2
  "no exporter named 'nonsense'"
  --exporter nonsense)

# The binding author's entry point, as a binding author uses it: their pytest run checks their
# deliberately wrong exporter (examples/exporter_pytest) and fails with the minimal case.
find_program(MVCONF_SYSTEM_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(MVCONF_SYSTEM_PYTHON)
  execute_process(COMMAND ${MVCONF_SYSTEM_PYTHON} -c "import pytest" RESULT_VARIABLE _no_pytest
                  OUTPUT_QUIET ERROR_QUIET)
endif()
if(MVCONF_SYSTEM_PYTHON AND _no_pytest EQUAL 0)
  add_test(NAME examples.ExporterPytest
           COMMAND ${CMAKE_COMMAND} -E env MVCONF=$<TARGET_FILE:mvconf>
                   PYTHONPATH=${PROJECT_SOURCE_DIR}/fixtures/exporters
                   ${CMAKE_COMMAND} -DEXIT=1
                   "-DMATCH=ExporterViolation: exporter matrix:make_matrix breaks the buffer-protocol contract;grants PyBUF_F_CONTIGUOUS with memory that is not Fortran-contiguous;minimal case: ;reproduce '[^']+' [(]plain Python[)];1 failed"
                   "-DCOMMAND=${MVCONF_SYSTEM_PYTHON};-m;pytest;-q;-p;no:cacheprovider;${PROJECT_SOURCE_DIR}/examples/exporter_pytest"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(examples.ExporterPytest PROPERTIES LABELS "exporters;examples" TIMEOUT 120)
else()
  # Shown as skipped, not left out: ci/setup.sh installs python3-pytest.
  add_test(NAME examples.ExporterPytest COMMAND ${CMAKE_COMMAND} -E echo
           "skipped: no pytest for /usr/bin/python3 (install python3-pytest)")
  set_tests_properties(examples.ExporterPytest PROPERTIES LABELS "exporters;examples"
                       SKIP_REGULAR_EXPRESSION "skipped: no pytest")
endif()

# ctest helper: run COMMAND (a ;-list), require exit code EXIT and every regex in MATCH
# (a ;-list) in its output; optionally check that JUNIT is well-formed XML.
# cmake -DCOMMAND=... -DEXIT=1 -DMATCH=... [-DJUNIT=file -DPYTHON=python3] -P expect_run.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(APPEND out "${err}")
if(NOT "${rc}" STREQUAL "${EXIT}")
  message(FATAL_ERROR "exit status ${rc}, expected ${EXIT}; output:\n${out}")
endif()
foreach(re IN LISTS MATCH)
  if(NOT out MATCHES "${re}")
    message(FATAL_ERROR "output lacks /${re}/; output:\n${out}")
  endif()
endforeach()
if(JUNIT)
  execute_process(COMMAND ${PYTHON} -c
    "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); assert r.tag == 'testsuites'; s = r.find('testsuite'); assert int(s.get('tests')) == len(s.findall('testcase')) > 0; print('junit ok', s.get('tests'), 'tests')"
    ${JUNIT} RESULT_VARIABLE xrc OUTPUT_VARIABLE xout ERROR_VARIABLE xerr)
  if(NOT xrc EQUAL 0)
    message(FATAL_ERROR "${JUNIT} is not valid JUnit XML: ${xerr}")
  endif()
  message(STATUS "${xout}")
endif()
message(STATUS "exit ${rc} and every expected line found")

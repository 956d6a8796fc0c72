# ctest helper: run COMMAND (a ;-list), require exit code EXIT and every regex in MATCH
# (a ;-list) in its output; optionally check that JUNIT is well-formed XML, and that no process
# whose command line contains LEFTOVER (a unique marker) is still running afterwards.
# cmake -DCOMMAND=... -DEXIT=1 -DMATCH=... [-DNOMATCH=...] [-DJUNIT=file -DPYTHON=python3]
#       [-DLEFTOVER=marker] [-DABSENT=file] -P expect_run.cmake
# NOMATCH (a ;-list of regexes) must not occur in the output.
# With ABSENT, that file is removed first and must not exist afterwards (an injection test).
if(ABSENT)
  file(REMOVE "${ABSENT}")
endif()
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
foreach(re IN LISTS NOMATCH)
  if(out MATCHES "${re}")
    message(FATAL_ERROR "output has /${re}/; output:\n${out}")
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
if(ABSENT AND EXISTS "${ABSENT}")
  message(FATAL_ERROR "the run created ${ABSENT}")
endif()
if(LEFTOVER)
  # This script's own command line names the marker too: it is the one line left out.
  execute_process(COMMAND ps -eo pid=,args= OUTPUT_VARIABLE ps)
  string(REPLACE ";" "," ps "${ps}")  # command lines hold ';' (this one does): keep them whole
  string(REPLACE "\n" ";" ps "${ps}")
  foreach(line IN LISTS ps)
    string(FIND "${line}" "${LEFTOVER}" at)
    string(FIND "${line}" "expect_run.cmake" self)
    if(at GREATER -1 AND self EQUAL -1)
      message(FATAL_ERROR "a process outlived the run: ${line}")
    endif()
  endforeach()
endif()
message(STATUS "exit ${rc} and every expected line found")

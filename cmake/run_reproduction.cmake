# ctest helper: run COMMAND (a ;-list) that prints a violations report, take its line
# "reproduce 'CLASS' (plain Python): SHELL COMMAND", run that shell command, and require MATCH
# (a regex) in what it prints: the reproduction shows the violation without mvconf.
# cmake -DCOMMAND=... -DCLASS=... -DMATCH=... -P run_reproduction.cmake
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "reproduce '${CLASS}' \\(plain Python\\): [^\n]*" line "${out}")
if(NOT line)
  message(FATAL_ERROR "no reproduction of '${CLASS}' in:\n${out}${err}")
endif()
string(REGEX REPLACE "^reproduce '[^']*' \\(plain Python\\): " "" shell "${line}")
execute_process(COMMAND sh -c "${shell}" RESULT_VARIABLE rc OUTPUT_VARIABLE shown ERROR_VARIABLE shown_err)
if(NOT rc EQUAL 0 OR NOT shown MATCHES "${MATCH}")
  message(FATAL_ERROR "the reproduction\n  ${shell}\nexited ${rc} and printed:\n${shown}${shown_err}\n(wanted /${MATCH}/)")
endif()
message(STATUS "reproduced: ${shown}")

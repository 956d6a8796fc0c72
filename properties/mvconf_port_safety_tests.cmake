# Self-tests of the supervisor and the port loader: hostile ports (fixtures/ports/) must each
# end in a clear error or a reported port failure, within the timeout, with no crash, no hang
# and no process left behind; a port's stray line must cost exactly one case.

# Bad shared-library ports, one per flaw: each must be refused with a message naming it, or
# (the error strings without a NUL) read within the contract's sizes.
set(_mvconf_bad_ports
  "NULL_NAME|name is NULL"
  "NULL_SLOT|declares 'buffer_functions' but its slot get_pointer is NULL"
  "SLOT_COUNT|has slot_count 2147483647, not within 16 to 256"
  "FEATURES|features is not a readable NULL-terminated array"
  "UNTERMINATED_FEATURES|features has no NULL terminator within 64 entries")
foreach(entry IN LISTS _mvconf_bad_ports)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 flaw)
  list(GET entry 1 message)
  string(TOLOWER "${flaw}" name)
  add_library(mvconf_bad_port_${name} MODULE ${PROJECT_SOURCE_DIR}/fixtures/ports/bad_port.c)
  target_compile_definitions(mvconf_bad_port_${name} PRIVATE BAD_${flaw})
  target_link_libraries(mvconf_bad_port_${name} PRIVATE mvconf::port_api)
  add_dependencies(mvconf mvconf_bad_port_${name})
  add_test(NAME selftest.BadLibraryPort.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=2 "-DMATCH=${message}"
                   "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;$<TARGET_FILE:mvconf_bad_port_${name}>;--cases;10"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(selftest.BadLibraryPort.${name} PROPERTIES LABELS "selftest;ports" TIMEOUT 60)
endforeach()
add_library(mvconf_bad_port_error_no_nul MODULE ${PROJECT_SOURCE_DIR}/fixtures/ports/bad_port.c)
target_compile_definitions(mvconf_bad_port_error_no_nul PRIVATE BAD_ERROR_NO_NUL)
target_link_libraries(mvconf_bad_port_error_no_nul PRIVATE mvconf::port_api)
add_dependencies(mvconf mvconf_bad_port_error_no_nul)
# The report quotes the port's error: exactly 64 T and 448 m, nothing read past either array.
string(REPEAT "T" 64 _mvconf_t)
string(REPEAT "m" 448 _mvconf_m)
add_test(NAME selftest.BadLibraryPort.error_no_nul
         COMMAND ${CMAKE_COMMAND} -DEXIT=1 "-DMATCH=raised ${_mvconf_t}, oracle;message.:.${_mvconf_m}[^m]"
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;$<TARGET_FILE:mvconf_bad_port_error_no_nul>;--cases;20;--gtest_filter=IsContiguous.*"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
set_tests_properties(selftest.BadLibraryPort.error_no_nul PROPERTIES LABELS "selftest;ports" TIMEOUT 60)

# Hostile out-of-process ports: fixtures/ports/chaos_port.py in one MODE each.
# mvconf_chaos_test(NAME EXIT MATCH TIMEOUT MODE_ARGS RUN_ARGS...): run `mvconf RUN_ARGS...`
# against the chaos port in MODE_ARGS (a ;-list), require exit status EXIT, every regex of
# MATCH, the ctest TIMEOUT (seconds; the old supervisor blew every one of them), and no process
# whose command line holds this test's marker left afterwards.
set(_mvconf_chaos "${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/fixtures/ports/chaos_port.py")
function(mvconf_chaos_test name exit match timeout mode)
  list(JOIN mode " " mode)
  set(port "--port=exec:${_mvconf_chaos} $<TARGET_FILE:mvconf> ${mode}")
  set(command $<TARGET_FILE:mvconf> ${ARGN})
  list(TRANSFORM command REPLACE "^PORT$" "${port}")
  add_test(NAME selftest.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=${exit} "-DCOMMAND=${command}" "-DMATCH=${match}"
                   -DLEFTOVER=mvconf-leftover-${name}
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(selftest.${name} PROPERTIES LABELS "selftest;ports" TIMEOUT ${timeout})
endfunction()

# A case line of 300 kB: longer than a pipe buffer, so writing it blocks on a port that does
# not read; the write times out like an answer would.
string(REPEAT "B" 300000 _mvconf_long_format)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/long_case.jsonl
  "{\"op\":\"size_from_format\",\"layout\":{\"format\":\"B\",\"itemsize\":1,\"ndim\":1,\"shape\":[1],\"strides\":[1],\"offset\":0,\"memlen\":1},\"args\":{\"format\":\"${_mvconf_long_format}\"}}\n")
mvconf_chaos_test(PortStopsReadingItsInput 1
  "no answer within 2000 ms [(]the port stopped reading its input[)];replay: 0 passed, 0 expected, 0 skipped, 1 failed"
  60 "stop-reading;mvconf-leftover-PortStopsReadingItsInput"
  replay ${CMAKE_CURRENT_BINARY_DIR}/long_case.jsonl PORT --timeout 2000)
# The port dies but a grandchild keeps its pipes open: the crash is seen at once (not after
# the 30 s timeout, which every crash of the shrinking would cost), and the grandchild dies.
# Five shrinks are five more crashes and restarts, each with its grandchild: enough to show
# that none of them waits for the timeout (each restart costs about 1.5 s under ASan).
mvconf_chaos_test(PortGrandchildHoldsThePipes 1
  "divergence classes: 1 new;is_contiguous [|] port failure: crash;killed by SIGABRT"
  120 "grandchild;mvconf-leftover-PortGrandchildHoldsThePipes"
  run PORT --timeout 30000 --cases 100 --gtest_filter=IsContiguous.* --max-shrinks 5)
# The same with a grandchild that left the port's process group and session (setsid): the
# harness adopts it as an orphan when the port dies and ends it.
mvconf_chaos_test(PortGrandchildEscapesItsGroup 1
  "divergence classes: 1 new;is_contiguous [|] port failure: crash;killed by SIGABRT"
  120 "escape;mvconf-leftover-PortGrandchildEscapesItsGroup"
  run PORT --timeout 30000 --cases 100 --gtest_filter=IsContiguous.* --max-shrinks 5)
# A stray line costs its own case, and only it: the two other properties pass. Each failing
# case restarts the port, so the shrinking is kept short.
set(_mvconf_three --cases ${MVCONF_CHAOS_CASES} --timeout 10000 --max-shrinks 5
                  --gtest_filter=GetPointer.*:IsContiguous.*:FillInfo.*)
mvconf_chaos_test(PortExtraLineAfterAnswer 1
  "divergence classes: 1 new, 0 expected;get_pointer [|] port failure: protocol error;an extra line after the answer to case id;properties: 2 passed"
  300 "extra-answer;mvconf-leftover-PortExtraLineAfterAnswer" run PORT ${_mvconf_three})
mvconf_chaos_test(PortExtraLineAfterHandshake 1
  "divergence classes: 1 new, 0 expected;port failure: protocol error;a line nobody asked for, after the handshake;properties: 2 passed"
  300 "extra-hello;${CMAKE_CURRENT_BINARY_DIR}/chaos-extra-hello.state;mvconf-leftover-PortExtraLineAfterHandshake"
  run PORT ${_mvconf_three})
mvconf_chaos_test(PortAnswersWithWrongId 1
  "divergence classes: 1 new, 0 expected;get_pointer [|] port failure: protocol error;answer for case id [0-9]+, expected id [0-9]+;properties: 2 passed"
  300 "wrong-id;mvconf-leftover-PortAnswersWithWrongId" run PORT ${_mvconf_three})
mvconf_chaos_test(PortSpeakingProtocol1Accepted 0
  "speaks protocol 1 [(]no case ids[)];properties: 3 passed, 0 expected-failure, 0 skipped, 0 failed"
  300 "v1;mvconf-leftover-PortSpeakingProtocol1Accepted" run PORT ${_mvconf_three})
# A 100 MB answer is refused at the 64 MiB limit in well under the timeout (the old reader
# took 14 s to scan one); a 60 MB one is read and compared. Under the sanitizers a 16 MB one
# (still hundreds of pipe buffers) reaches the same code in a third of the 23 s.
set(_mvconf_long_answer 60000000)
if(MVCONF_SANITIZE)
  set(_mvconf_long_answer 16000000)
endif()
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/get_pointer_case.jsonl
  "{\"op\":\"get_pointer\",\"layout\":{\"format\":\"B\",\"itemsize\":1,\"ndim\":2,\"shape\":[2,3],\"strides\":[3,1],\"offset\":0,\"memlen\":6},\"args\":{\"indices\":[1,2]}}\n")
mvconf_chaos_test(PortAnswerOverTheSizeLimit 1
  "port failure: protocol error;an answer longer than 64 MiB"
  60 "huge-answer;100000000;mvconf-leftover-PortAnswerOverTheSizeLimit"
  replay ${CMAKE_CURRENT_BINARY_DIR}/get_pointer_case.jsonl PORT --timeout 5000)
mvconf_chaos_test(PortLongAnswerReadInTime 1
  "get_pointer [|] padding: extra"
  60 "huge-answer;${_mvconf_long_answer};mvconf-leftover-PortLongAnswerReadInTime"
  replay ${CMAKE_CURRENT_BINARY_DIR}/get_pointer_case.jsonl PORT --timeout 5000)

# Specs never reach a shell: this one once ran `touch` through popen.
foreach(case IN ITEMS "OracleSpecReachesNoShell|--oracle=cpython:python'$(touch INJECTED)'|cannot run 'python'[$][(]touch"
                      "ExecSpecRefusesShellSyntax|--port=exec:true && touch INJECTED|unquoted '&': the command runs without a shell")
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 name)
  list(GET case 1 spec)
  list(GET case 2 match)
  set(injected ${CMAKE_CURRENT_BINARY_DIR}/injected-${name})
  string(REPLACE "INJECTED" "${injected}" spec "${spec}")
  add_test(NAME selftest.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=2 "-DMATCH=${match}" -DABSENT=${injected}
                   "-DCOMMAND=$<TARGET_FILE:mvconf>;run;${spec};--cases;10"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(selftest.${name} PROPERTIES LABELS "selftest;verdicts" TIMEOUT 60)
endforeach()

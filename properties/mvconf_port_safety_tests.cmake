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
endforeach()
add_library(mvconf_bad_port_error_no_nul MODULE ${PROJECT_SOURCE_DIR}/fixtures/ports/bad_port.c)
target_compile_definitions(mvconf_bad_port_error_no_nul PRIVATE BAD_ERROR_NO_NUL)
target_link_libraries(mvconf_bad_port_error_no_nul PRIVATE mvconf::port_api)
add_dependencies(mvconf mvconf_bad_port_error_no_nul)
# The report quotes the port's error: exactly 64 T and 448 m, nothing read past either array.
add_test(NAME selftest.BadLibraryPort.error_no_nul
         COMMAND ${CMAKE_COMMAND} -DEXIT=1 "-DMATCH=\"T{64}\";\"m{448}\""
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port;$<TARGET_FILE:mvconf_bad_port_error_no_nul>;--cases;20;--gtest_filter=IsContiguous.*"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)

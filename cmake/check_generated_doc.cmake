# Fails when a generated doc differs from what its generator prints now.
# -DCOMMAND=<generator> -DDOC=<file>; regenerate with `<generator> markdown > <file>`.
execute_process(COMMAND ${COMMAND} markdown OUTPUT_VARIABLE now RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${COMMAND} markdown failed (${rc})")
endif()
if(NOT EXISTS ${DOC})
  message(FATAL_ERROR "${DOC} is missing: run `${COMMAND} markdown > ${DOC}`")
endif()
file(READ ${DOC} before)
if(NOT now STREQUAL before)
  message(FATAL_ERROR "${DOC} is stale: run `${COMMAND} markdown > ${DOC}` and commit it")
endif()
message(STATUS "${DOC} is current")

# The JSON Schemas of docs/schema/ (cases, outcomes, protocol messages) against real documents:
# every corpus line, the mvconf-case lines of a report, and the live traffic of the harness with
# `mvconf serve --port impl` and fixtures/ports/py_driver.py, after a self-test that invalid
# documents are rejected (properties/test/schema_check.py). The checker needs the jsonschema
# module (Debian's python3-jsonschema): it runs under the oracle's Python when that has it,
# else under /usr/bin/python3; where neither has it, the test reports itself skipped.
if(MVCONF_SANITIZE)
  return()  # the schemas and the traffic are the default build's; nothing here is memory work
endif()
set(_mvconf_schema_python ${Python3_EXECUTABLE})
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import jsonschema"
                RESULT_VARIABLE _mvconf_no_jsonschema OUTPUT_QUIET ERROR_QUIET)
if(NOT _mvconf_no_jsonschema EQUAL 0)
  find_program(MVCONF_SYSTEM_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(MVCONF_SYSTEM_PYTHON)
    execute_process(COMMAND ${MVCONF_SYSTEM_PYTHON} -c "import jsonschema"
                    RESULT_VARIABLE _mvconf_no_jsonschema OUTPUT_QUIET ERROR_QUIET)
    if(_mvconf_no_jsonschema EQUAL 0)
      set(_mvconf_schema_python ${MVCONF_SYSTEM_PYTHON})
    endif()
  endif()
endif()
# Without jsonschema the checker prints "MVCONF_SKIP: needs python3-jsonschema" (exit 77).
add_test(NAME schema.CasesAndAnswersMatchSchemas
         COMMAND ${_mvconf_schema_python} ${CMAKE_CURRENT_SOURCE_DIR}/test/schema_check.py
                 --mvconf $<TARGET_FILE:mvconf> --source ${PROJECT_SOURCE_DIR} --cases 20)
set_tests_properties(schema.CasesAndAnswersMatchSchemas PROPERTIES LABELS "docs;selftest"
                     TIMEOUT 300 SKIP_REGULAR_EXPRESSION "MVCONF_SKIP" SKIP_RETURN_CODE 77)

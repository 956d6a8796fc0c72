# Self-tests of the verdict: divergence classes, class-level expectations, and every route by
# which a run could exit green having checked nothing (each must exit non-zero, saying why).

# mvconf_verdict_test(NAME EXIT MATCH ARGS...): run `mvconf ARGS...`, require exit status EXIT
# and every regex of the ;-list MATCH in its output.
function(mvconf_verdict_test name exit match)
  set(command $<TARGET_FILE:mvconf> ${ARGN})
  add_test(NAME selftest.${name}
           COMMAND ${CMAKE_COMMAND} -DEXIT=${exit} "-DCOMMAND=${command}" "-DMATCH=${match}"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
  set_tests_properties(selftest.${name} PROPERTIES LABELS "selftest;verdicts" TIMEOUT 600)
endfunction()

set(_x ${PROJECT_SOURCE_DIR}/fixtures/expectations)
set(_two_bugs mutant:copy_writable+noncontig_message_no_period)
mvconf_verdict_test(TwoBugsMakeTwoClasses 1
  "divergence classes: 2 new, 0 expected;get_contiguous [|] result.readonly;get_contiguous [|] error: message of BufferError"
  run --port ${_two_bugs} --cases 2000 --gtest_filter=GetContiguous.*)
mvconf_verdict_test(ExpectingOneClassStillFailsOnTheOther 1
  "divergence classes: 1 new, 1 expected"
  run --port ${_two_bugs} --cases 2000 --gtest_filter=GetContiguous.*
  --expect ${_x}/two_bugs_one_expected.json)
mvconf_verdict_test(FilterSelectingNothingFails 2 "no property matches the filter"
  run --gtest_filter=NoSuch.*)
mvconf_verdict_test(MisspeltGtestOptionFails 2 "unknown gtest option '--gtest_filer=x'"
  run --gtest_filer=x)
mvconf_verdict_test(ZeroCasesRefused 2 "--cases: needs a whole number from 1" run --cases 0)
mvconf_verdict_test(UnwritableReportRefused 2 "cannot write /nonexistent/report.json"
  run --cases 10 --json /nonexistent/report.json)
mvconf_verdict_test(MisspeltExpectationPropertyRefused 2 "matches no property of the suite"
  run --cases 10 --gtest_filter=IsContiguous.* --expect ${_x}/misspelt_property.json)
mvconf_verdict_test(PropertyLevelExpectationRefused 2 "names no .class."
  run --cases 10 --expect ${_x}/property_level.json)
mvconf_verdict_test(ReplayReportsBadLinesAndGoesOn 1
  "misspelt_key.jsonl:2: not a case: args.ordr: unknown key;misspelt_key.jsonl:4: not a case: layout.itemsize: must be a 64-bit signed integer;misspelt_key.jsonl:5: not a case: args.via: must be one of \"exporter\", \"view\", \"non_buffer\";replay: 1 passed, 0 expected, 0 skipped, 0 failed, 3 invalid"
  replay ${PROJECT_SOURCE_DIR}/fixtures/bad_cases/misspelt_key.jsonl --port impl)
mvconf_verdict_test(ReplayAppliesExpectations 0
  "replay: [1-9][0-9]* passed, [1-9][0-9]* expected, [0-9]+ skipped, 0 failed, 0 invalid"
  replay ${PROJECT_SOURCE_DIR}/fixtures/cases --port mutant:copy_writable
  --expect ${_x}/copy_writable.json)
mvconf_verdict_test(ReportsSurviveBytesThatAreNotUtf8 1 "[\\\\]xff;divergence classes: [1-9]"
  run --port mutant:null_format_not_utf8 --cases 1000 --gtest_filter=FromObject.*
  --json ${CMAKE_CURRENT_BINARY_DIR}/not-utf8.json)
# A reproduce string for another property: RapidCheck then runs no case of this one.
mvconf_verdict_test(NothingComparedIsNotAPass 1 "NOT A PASS: no property compared a single case"
  run --gtest_filter=IsContiguous.* --cases 10)
set_tests_properties(selftest.NothingComparedIsNotAPass PROPERTIES ENVIRONMENT
  "RC_PARAMS=reproduce=BoyRlR3Qv5GdpdWdvV3cvM0bwl3TyNFahJXZBdmclV2cXlGdoNEU5RHav5WBpUTAAAAAAUQK1EAAAAAAFkSNBAAAAAQBpUTAAAAAAIAACEAAAAQAAA")

# A misspelt feature in a property is a compile error (MVCONF_PROP's static_assert), not a
# property skipped for every port; this compiles a property with one and expects the error.
add_test(NAME selftest.UnknownFeatureDoesNotCompile
         COMMAND ${CMAKE_CXX_COMPILER} -std=c++17 -fsyntax-only
                 -I${PROJECT_SOURCE_DIR}/properties/include -I${PROJECT_SOURCE_DIR}/fixtures/include
                 -I${PROJECT_SOURCE_DIR}/include ${CMAKE_CURRENT_SOURCE_DIR}/test/unknown_feature.cpp)
set_tests_properties(selftest.UnknownFeatureDoesNotCompile PROPERTIES LABELS "selftest;verdicts"
                     PASS_REGULAR_EXPRESSION "unknown feature name")

# Documentation checks (labels unit;docs): every §N / §N.M cited in a tracked file is a heading
# of the behaviour spec in docs/spec/, and nothing points outside the repository for it
# (ci/check_spec_refs.sh). The second test proves the check fails on a broken reference: it
# scans one extra file, written here into the build tree, that cites a section the spec does
# not have and points outside the repository (both built in pieces, so that this file itself
# cites no missing section and holds no such path).
find_program(MVCONF_BASH bash REQUIRED)

add_test(NAME docs.SpecReferences
         COMMAND ${MVCONF_BASH} ${PROJECT_SOURCE_DIR}/ci/check_spec_refs.sh)
set_tests_properties(docs.SpecReferences PROPERTIES LABELS "unit;docs" TIMEOUT 120)

set(_mvconf_dotdot "..")
set(_mvconf_broken_refs ${CMAKE_CURRENT_BINARY_DIR}/spec_refs_broken.txt)
file(WRITE ${_mvconf_broken_refs}
     "A rule the spec does not have: §" "7.3.\n"
     "A pointer outside the repository: ${_mvconf_dotdot}/shared/notes.md\n")
add_test(NAME docs.SpecReferencesCatchBrokenOnes
         COMMAND ${CMAKE_COMMAND} -DEXIT=1
                 "-DCOMMAND=${MVCONF_BASH};${PROJECT_SOURCE_DIR}/ci/check_spec_refs.sh;--also;${_mvconf_broken_refs}"
                 "-DMATCH=§[7]\\.3 has no heading in docs/spec/ \\(cited at [^)]*spec_refs_broken\\.txt:1\\);points outside the repository: [^\n]*spec_refs_broken\\.txt:2"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
set_tests_properties(docs.SpecReferencesCatchBrokenOnes PROPERTIES LABELS "unit;docs" TIMEOUT 120)

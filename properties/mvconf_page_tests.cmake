# The conformance page (docs/conformance.md). `conformance.page.rebuild` makes the site again
# from the committed results (all the HTML and SVG code, under the sanitizers too) and
# `.current` requires the committed pages to equal it. In the default build `.generate` also
# runs `mvconf matrix --run` on a small entries file, and `.browser` / `.committed` open the
# sites in headless Chromium, checked cell by cell against their JSON results, links and
# anchors resolved, a screenshot saved. The browser tests are skipped (exit 77) without
# Chromium; ci/setup.sh installs Debian's chromium.
set(_mvconf_page_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/conformance_page_check.py)
set(_mvconf_committed ${PROJECT_SOURCE_DIR}/docs/conformance)
set(_mvconf_rebuilt ${CMAKE_CURRENT_BINARY_DIR}/conformance-rebuilt)
add_test(NAME conformance.page.rebuild
         COMMAND $<TARGET_FILE:mvconf> matrix --results ${_mvconf_committed}/results
                 --out ${_mvconf_rebuilt} --findings ${_mvconf_rebuilt}/findings.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(conformance.page.rebuild PROPERTIES LABELS "page" TIMEOUT 300
                     FIXTURES_SETUP mvconf_page_rebuilt)
add_test(NAME conformance.page.current
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/conformance_page_current.py
                 ${_mvconf_committed} ${_mvconf_rebuilt})
set_tests_properties(conformance.page.current PROPERTIES LABELS "page;docs" TIMEOUT 120
                     FIXTURES_REQUIRED mvconf_page_rebuilt)
if(MVCONF_SANITIZE)
  return()  # the runs and the browser add nothing the default build does not check
endif()

set(_mvconf_page ${CMAKE_CURRENT_BINARY_DIR}/conformance-page)
add_test(NAME conformance.page.generate
         COMMAND $<TARGET_FILE:mvconf> matrix --run --entries fixtures/matrix/test_entries.json
                 --cases 30 --drift-cases 10 --out ${_mvconf_page}
                 --findings ${_mvconf_page}/findings.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(conformance.page.generate PROPERTIES LABELS "page" TIMEOUT 600
                     FIXTURES_SETUP mvconf_page)
add_test(NAME conformance.page.browser
         COMMAND ${_mvconf_page_check} ${_mvconf_page} ${_mvconf_page}/results
                 ${PROJECT_SOURCE_DIR}/fixtures/matrix/test_entries.json ${_mvconf_page}/screenshot.png)
set_tests_properties(conformance.page.browser PROPERTIES LABELS "page" TIMEOUT 600
                     FIXTURES_REQUIRED mvconf_page SKIP_RETURN_CODE 77 COST 60)
# The committed site says what its committed results say, and every link on it resolves. Its
# index is rendered in Chromium; its 9 MB of row pages are read as files (the browser test
# renders the same pages' small form), which saves about a minute.
add_test(NAME conformance.page.committed
         COMMAND ${_mvconf_page_check} ${_mvconf_committed} ${_mvconf_committed}/results
                 ${PROJECT_SOURCE_DIR}/fixtures/matrix/entries.json
                 ${CMAKE_CURRENT_BINARY_DIR}/conformance-committed.png --index-only)
# COST: the browser checks are among the longest tests; started early, they overlap the rest.
set_tests_properties(conformance.page.committed PROPERTIES LABELS "page" TIMEOUT 600
                     SKIP_RETURN_CODE 77 COST 100)

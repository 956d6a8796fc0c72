# The conformance page (docs/conformance.md): `mvconf matrix` on a small entries file, then the
# generated site and the committed docs/conformance/ opened in headless Chromium, checked cell
# by cell against their JSON results, links and anchors resolved, a screenshot saved. Skipped
# (exit 77) where Chromium is absent; ci/setup.sh installs Debian's chromium.
set(_mvconf_page ${CMAKE_CURRENT_BINARY_DIR}/conformance-page)
set(_mvconf_page_check ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/conformance_page_check.py)
add_test(NAME conformance.page.generate
         COMMAND $<TARGET_FILE:mvconf> matrix --run --entries fixtures/matrix/test_entries.json
                 --cases 40 --drift-cases 20 --out ${_mvconf_page}
                 --findings ${_mvconf_page}/findings.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(conformance.page.generate PROPERTIES LABELS "page" TIMEOUT 600
                     FIXTURES_SETUP mvconf_page)
add_test(NAME conformance.page.browser
         COMMAND ${_mvconf_page_check} ${_mvconf_page} ${_mvconf_page}/results
                 ${PROJECT_SOURCE_DIR}/fixtures/matrix/test_entries.json ${_mvconf_page}/screenshot.png)
set_tests_properties(conformance.page.browser PROPERTIES LABELS "page" TIMEOUT 600
                     FIXTURES_REQUIRED mvconf_page SKIP_RETURN_CODE 77)
# The committed site says what its committed results say, and every link on it resolves.
add_test(NAME conformance.page.committed
         COMMAND ${_mvconf_page_check} ${PROJECT_SOURCE_DIR}/docs/conformance
                 ${PROJECT_SOURCE_DIR}/docs/conformance/results
                 ${PROJECT_SOURCE_DIR}/fixtures/matrix/entries.json
                 ${CMAKE_CURRENT_BINARY_DIR}/conformance-committed.png)
set_tests_properties(conformance.page.committed PROPERTIES LABELS "page" TIMEOUT 600
                     SKIP_RETURN_CODE 77)

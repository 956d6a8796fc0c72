# Python implementations as ports, at the Python level: `python:COMMAND` runs
# fixtures/ports/py_driver.py under COMMAND (docs/out-of-process.md). Small budgets: each test
# stays within about 30 s on two cores.
set(_mvconf_python_level --gtest_filter=PyLevel.*:Corpus.*)

# The faithful driver: CPython under the driver must give the embedded CPython's own answers,
# so a divergence here is a bug of the driver or of ops_py_chain.cpp, never of CPython.
mvconf_add_port(python_faithful SPEC "python:${Python3_EXECUTABLE}" CASES 200
                ARGS ${_mvconf_python_level})

# The same run with a driver that reports `shape` as a list must fail with that class: the
# faithful test above can fail.
add_test(NAME selftest.PythonDriverBreakIsCaught
         COMMAND ${CMAKE_COMMAND} -DEXIT=1
                 "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=python:env MVCONF_DRIVER_BREAK=shape_as_list ${Python3_EXECUTABLE};--cases;50;--fail-fast;--max-shrinks;50;--gtest_filter=PyLevel.ChainedViewsMatchCPython"
                 "-DMATCH=py_chain [|] chain[[][a-z]+[]][.]view[.]shape;PYTHONHASHSEED=0 env MVCONF_DRIVER_BREAK=shape_as_list"
                 -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
set_tests_properties(selftest.PythonDriverBreakIsCaught PROPERTIES LABELS "selftest;ports" TIMEOUT 120)

# PyPy's app-level memoryview against CPython 3.9, by class (fixtures/expectations/
# pypy3-app.json); docs/ports/pypy3-app.md is the same run with the default budget. Without
# pypy3, or without CPython 3.9 to judge it, the test is registered and reports itself skipped.
find_program(MVCONF_PYPY3 pypy3)
if(MVCONF_PYPY3 AND TARGET mvconf-cpython3.9)
  mvconf_add_port(pypy3_app SPEC "python:${MVCONF_PYPY3}"
                  EXPECTATIONS ${PROJECT_SOURCE_DIR}/fixtures/expectations/pypy3-app.json
                  CASES 300 ARGS ${_mvconf_python_level} --max-classes 4 --max-shrinks 60)
else()
  add_test(NAME mvconf.port.pypy3_app
           COMMAND ${CMAKE_COMMAND} -E echo "MVCONF_SKIP: needs pypy3 and CPython 3.9's oracle")
  set_tests_properties(mvconf.port.pypy3_app PROPERTIES SKIP_REGULAR_EXPRESSION "MVCONF_SKIP"
                       LABELS "mvconf;conformance;port")
endif()

# MicroPython (WebAssembly, under Node.js) through the same driver: fixtures/ports/node/
# micropython.mjs, with its npm package pinned in fixtures/ports/node/package-lock.json and
# installed there by ci/setup.sh. A smoke test: the runner speaks the protocol and its known
# gaps are classified (no cast()); docs/ports/micropython.md has the whole report.
find_program(MVCONF_NODE node)
set(_mvconf_mpy ${PROJECT_SOURCE_DIR}/fixtures/ports/node/node_modules/@micropython/micropython-webassembly-pyscript)
if(MVCONF_NODE AND EXISTS ${_mvconf_mpy}/micropython.mjs)
  add_test(NAME mvconf.port.micropython
           COMMAND ${CMAKE_COMMAND} -DEXIT=1
                   "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=python:${MVCONF_NODE} ${PROJECT_SOURCE_DIR}/fixtures/ports/node/micropython.mjs;--cases;100;--max-classes;1;--max-shrinks;20;--gtest_filter=PyLevel.*"
                   "-DMATCH=micropython-1[.][0-9]+[.][0-9]+ [(]Python level[)];py_chain [|] chain.cast.: raised AttributeError, oracle succeeded;500 cases compared"
                   -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
else()
  add_test(NAME mvconf.port.micropython
           COMMAND ${CMAKE_COMMAND} -E echo "MVCONF_SKIP: needs node and ci/setup.sh's npm packages")
  set_tests_properties(mvconf.port.micropython PROPERTIES SKIP_REGULAR_EXPRESSION "MVCONF_SKIP")
endif()
set_tests_properties(mvconf.port.micropython PROPERTIES LABELS "mvconf;conformance;port" TIMEOUT 120)

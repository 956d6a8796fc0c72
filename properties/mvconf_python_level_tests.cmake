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
# pypy3-app.json, which names CPython 3.9 as its oracle); docs/ports/pypy3-app.md is the same
# run with the default budget. Without pypy3, or without CPython 3.9 to judge it, the test is
# registered and reports itself skipped.
find_program(MVCONF_PYPY3 pypy3)
if(MVCONF_PYPY3)
  mvconf_add_port(pypy3_app SPEC "python:${MVCONF_PYPY3}"
                  EXPECTATIONS ${PROJECT_SOURCE_DIR}/fixtures/expectations/pypy3-app.json
                  CASES 300 ARGS ${_mvconf_python_level} --max-classes 4 --max-shrinks 60)
else()
  mvconf_add_skipped_port(pypy3_app "needs pypy3 and CPython 3.9's oracle")
endif()

# The runtimes under Node.js (fixtures/ports/node/NAME.mjs, npm packages pinned in
# fixtures/ports/node/package-lock.json and installed there by ci/setup.sh), through the same
# driver: `--port micropython|pyodide|brython`. Without node or the packages, each test is
# registered and reports itself skipped. Label `node`: the sanitizer run leaves them out (the
# time goes to the JavaScript runtimes, not to mvconf's own code, which the default run checks).
find_program(MVCONF_NODE node)
set(_mvconf_node_modules ${PROJECT_SOURCE_DIR}/fixtures/ports/node/node_modules)
function(_mvconf_node_port name package)
  if(NOT MVCONF_NODE OR NOT EXISTS ${_mvconf_node_modules}/${package}/package.json)
    mvconf_add_skipped_port(${name} "needs node and ci/setup.sh's npm packages")
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "SMOKE;ARGS")
  if(arg_SMOKE)
    # A runtime too far from CPython for an expectations file yet: the run must find the
    # classes named here (its known root causes), so the runner and the driver are proved to
    # reach it; docs/ports/NAME.md has the whole report.
    list(JOIN arg_SMOKE ";" _match)
    add_test(NAME mvconf.port.${name}
             COMMAND ${CMAKE_COMMAND} -DEXIT=1
                     "-DCOMMAND=$<TARGET_FILE:mvconf>;run;--port=${name};${arg_ARGS}"
                     "-DMATCH=${_match}" -P ${PROJECT_SOURCE_DIR}/cmake/expect_run.cmake)
    set_tests_properties(mvconf.port.${name} PROPERTIES LABELS "mvconf;conformance;port;node"
                         TIMEOUT 300 COST 100)
  else()
    mvconf_add_port(${name} SPEC ${name}
                    EXPECTATIONS ${PROJECT_SOURCE_DIR}/fixtures/expectations/${name}.json
                    ARGS ${arg_ARGS})
    if(TEST mvconf.port.${name})
      set_property(TEST mvconf.port.${name} APPEND PROPERTY LABELS node)
    endif()
  endif()
endfunction()

# MicroPython: no cast() at all, so nearly every case differs.
_mvconf_node_port(micropython @micropython/micropython-webassembly-pyscript
  ARGS --cases;100;--max-classes;1;--max-shrinks;20;--gtest_filter=PyLevel.*
  SMOKE "micropython-1[.][0-9]+[.][0-9]+ on webassembly [(]Python level[)]"
        "py_chain [|] chain.cast.: raised AttributeError, oracle succeeded" "600 cases compared")
# Pyodide is CPython 3.14 on wasm32, judged by the native CPython its expectations name
# (fixtures/expectations/pyodide.json): its classes are the platform and 3.14's changes. 3000
# cases per property meet every class of the file with the pinned seed.
_mvconf_node_port(pyodide pyodide
  ARGS --cases;3000;--max-shrinks;50;--max-classes;100;${_mvconf_python_level})
# Brython, judged by Pyodide (the 3.14 oracle): cast() and toreadonly() return None, slices
# lose obj and readonly, hex() drops leading zeros.
_mvconf_node_port(brython brython
  ARGS --cases;100;--max-classes;4;--max-shrinks;20;--gtest_filter=PyLevel.*
  SMOKE "Brython-3[.]14[.][0-9]+ [(]Python level[)]" "oracle is cpython-3[.]14[.][0-9]+ on emscripten"
        "py_chain [|] chain.cast.[.]result: extra" "py_chain [|] calls.hex.[.]result" "600 cases compared")

# Dependencies, all from Debian packages (ci/setup.sh installs them).
find_package(GTest REQUIRED)
find_package(rapidcheck REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 2 REQUIRED)  # the mvconf command line (libcli11-dev)

# The default oracle is the CPython that `python3` on PATH names (pyenv shims resolved).
if(NOT Python3_EXECUTABLE)
  find_program(_mvconf_python3 python3 REQUIRED)
  execute_process(COMMAND ${_mvconf_python3} -c "import sys; print(sys.executable)"
                  OUTPUT_VARIABLE _mvconf_py OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  set(Python3_EXECUTABLE "${_mvconf_py}" CACHE FILEPATH "CPython used as the oracle")
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Embed)
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import sys; print(sys.base_prefix)"
                OUTPUT_VARIABLE MVCONF_PYTHON_HOME OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "mvconf oracle: CPython ${Python3_VERSION} (${Python3_EXECUTABLE}), "
               "library ${Python3_LIBRARIES}, home ${MVCONF_PYTHON_HOME}")

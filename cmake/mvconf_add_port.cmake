# mvconf_add_port(NAME (LIBRARY target-or-path | COMMAND command args... | SPEC port-spec)
#                 [EXPECTATIONS file] [CASES n] [ORACLE spec] [ARGS extra mvconf args...])
#
# Registers one ctest test, `mvconf.port.NAME`, that runs the whole conformance suite against a
# port: a shared library exporting mvconf_port_entry (LIBRARY), or a process speaking JSON
# Lines on stdin/stdout (COMMAND, see docs/out-of-process.md). With EXPECTATIONS the port's
# known divergences are allowed, and stale ones fail the test; when the file pins its oracle
# ("oracle": "cpython:3.X") and this build has no such oracle, the test reports itself
# skipped. A JUnit report is written to mvconf-NAME.xml in the current binary directory.
function(mvconf_add_port name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "LIBRARY;EXPECTATIONS;CASES;ORACLE;SPEC" "COMMAND;ARGS")
  if(arg_EXPECTATIONS)
    file(READ ${arg_EXPECTATIONS} _text)
    if(_text MATCHES "\"oracle\" *: *\"cpython:(3[.][0-9]+)\"")
      # Known inside mvconf's own build (mvconf_cpython.cmake); elsewhere the run itself says
      # when the oracle is missing.
      get_property(_built GLOBAL PROPERTY MVCONF_CPYTHON_VERSIONS SET)
      get_property(_versions GLOBAL PROPERTY MVCONF_CPYTHON_VERSIONS)
      if(_built AND NOT CMAKE_MATCH_1 IN_LIST _versions)
        mvconf_add_skipped_port(${name} "needs CPython ${CMAKE_MATCH_1}'s oracle, which its expectations name")
        return()
      endif()
    endif()
  endif()
  if(arg_LIBRARY AND arg_COMMAND)
    message(FATAL_ERROR "mvconf_add_port(${name}): give LIBRARY or COMMAND, not both")
  elseif(arg_SPEC)
    set(spec "${arg_SPEC}")
  elseif(arg_LIBRARY)
    if(TARGET ${arg_LIBRARY})
      set(spec "$<TARGET_FILE:${arg_LIBRARY}>")
    else()
      set(spec "${arg_LIBRARY}")
    endif()
  elseif(arg_COMMAND)
    # Each word single-quoted (a ' as '\''), so words with blanks or shell characters reach
    # the port as given: mvconf splits exec: commands like a shell, without running one.
    set(joined "")
    foreach(word IN LISTS arg_COMMAND)
      string(REPLACE "'" "'\\''" word "${word}")
      string(APPEND joined " '${word}'")
    endforeach()
    string(STRIP "${joined}" joined)
    set(spec "exec:${joined}")
  else()
    message(FATAL_ERROR "mvconf_add_port(${name}): LIBRARY or COMMAND is required")
  endif()
  set(cmd mvconf::mvconf run "--port=${spec}"
      --junit "${CMAKE_CURRENT_BINARY_DIR}/mvconf-${name}.xml")
  if(arg_EXPECTATIONS)
    list(APPEND cmd --expect "${arg_EXPECTATIONS}")
  endif()
  if(arg_CASES)
    list(APPEND cmd --cases ${arg_CASES})
  endif()
  if(arg_ORACLE)
    list(APPEND cmd --oracle "${arg_ORACLE}")
  endif()
  add_test(NAME mvconf.port.${name} COMMAND ${cmd} ${arg_ARGS})
  set_tests_properties(mvconf.port.${name} PROPERTIES LABELS "mvconf;conformance;port" TIMEOUT 1800
                       COST 100)  # long: started first, so the short tests fill the other core
endfunction()

# mvconf_add_skipped_port(NAME WHY): a port test that cannot run in this build, registered
# anyway as `mvconf.port.NAME` and reported skipped, with why.
function(mvconf_add_skipped_port name why)
  add_test(NAME mvconf.port.${name} COMMAND ${CMAKE_COMMAND} -E echo "MVCONF_SKIP: ${why}")
  set_tests_properties(mvconf.port.${name} PROPERTIES SKIP_REGULAR_EXPRESSION "MVCONF_SKIP"
                       LABELS "mvconf;conformance;port")
endfunction()

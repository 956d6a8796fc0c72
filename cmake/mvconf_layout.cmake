# Where mvconf finds its files at run time: always relative to its own executable, so an
# installed tree works wherever it is moved. The same relative paths hold in the build tree,
# which mirrors the install layout around build/properties/mvconf:
#
#   installed                      build tree
#   bin/mvconf, bin/mvconf-cpython3.X   properties/mvconf, properties/mvconf-cpython3.X
#   share/mvconf/cases/*.jsonl     share/mvconf/cases -> the source tree's fixtures/cases
#   share/mvconf/py_driver.py      share/mvconf/py_driver.py -> fixtures/ports/py_driver.py
#   share/mvconf/node/*.mjs        share/mvconf/node -> fixtures/ports/node (npm ci there)
#   share/mvconf/python/mvconf_exporters  share/mvconf/python -> fixtures/exporters
#   lib/mvconf/pypy/mvconf_pypy.*  lib/mvconf/pypy/mvconf_pypy.*
#
# MVCONF_BIN_TO_DATA and MVCONF_BIN_TO_PYPY (paths from the executable's directory) are compiled
# into the harness; no absolute path of the source, build or install tree is.
include(GNUInstallDirs)

file(RELATIVE_PATH MVCONF_BIN_TO_DATA ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_DATADIR}/mvconf)
file(RELATIVE_PATH MVCONF_BIN_TO_PYPY ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR}/mvconf/pypy)
file(RELATIVE_PATH MVCONF_INSTALL_PYPYDIR ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_LIBDIR}/mvconf/pypy)

set(MVCONF_BUILD_BINDIR ${CMAKE_BINARY_DIR}/properties)
cmake_path(ABSOLUTE_PATH MVCONF_BIN_TO_DATA BASE_DIRECTORY ${MVCONF_BUILD_BINDIR} NORMALIZE
           OUTPUT_VARIABLE MVCONF_BUILD_DATADIR)
cmake_path(ABSOLUTE_PATH MVCONF_BIN_TO_PYPY BASE_DIRECTORY ${MVCONF_BUILD_BINDIR} NORMALIZE
           OUTPUT_VARIABLE MVCONF_BUILD_PYPYDIR)
foreach(dir IN ITEMS ${MVCONF_BUILD_DATADIR} ${MVCONF_BUILD_PYPYDIR})
  cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${dir}" NORMALIZE _mvconf_inside)
  if(NOT _mvconf_inside)
    message(FATAL_ERROR "mvconf: with CMAKE_INSTALL_BINDIR=${CMAKE_INSTALL_BINDIR} the build tree's "
                        "mirror of the install layout would be ${dir}, outside the build tree; "
                        "use a BINDIR one level below the prefix")
  endif()
endforeach()

# The build tree's corpus is the source tree's, live: a case added there is replayed at once.
file(MAKE_DIRECTORY ${MVCONF_BUILD_DATADIR})
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/fixtures/cases ${MVCONF_BUILD_DATADIR}/cases SYMBOLIC)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/fixtures/ports/py_driver.py ${MVCONF_BUILD_DATADIR}/py_driver.py
     SYMBOLIC)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/fixtures/exporters ${MVCONF_BUILD_DATADIR}/python SYMBOLIC)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/fixtures/ports/node ${MVCONF_BUILD_DATADIR}/node SYMBOLIC)

# Install and export the contract and the harness so that out-of-tree ports can
# find_package(mvconf) and call mvconf_add_port(). Everything is found relative to the prefix
# (cmake/mvconf_layout.cmake): the installed tree can be moved.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MVCONF_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/mvconf)
# The installed harness embeds CPython: keep the path to libpython it was linked with.
set_target_properties(mvconf PROPERTIES INSTALL_RPATH_USE_LINK_PATH TRUE)
set_target_properties(mvconf_port_api PROPERTIES EXPORT_NAME port_api)
install(TARGETS mvconf_port_api EXPORT mvconfTargets)
# The harness executable is installed, not exported (its static dependencies are internal);
# mvconfConfig.cmake declares it as the imported target mvconf::mvconf.
install(TARGETS mvconf RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/mvconf/port.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/mvconf)
install(DIRECTORY fixtures/cases/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mvconf/cases
        FILES_MATCHING PATTERN "*.jsonl")
install(FILES fixtures/ports/py_driver.py DESTINATION ${CMAKE_INSTALL_DATADIR}/mvconf)
# The Node.js runners and their pinned package list; `npm ci --prefix share/mvconf/node` there.
install(DIRECTORY fixtures/ports/node/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mvconf/node
        FILES_MATCHING PATTERN "*.mjs" PATTERN "package*.json" PATTERN node_modules EXCLUDE)
install(DIRECTORY fixtures/exporters/mvconf_exporters DESTINATION ${CMAKE_INSTALL_DATADIR}/mvconf/python
        PATTERN __pycache__ EXCLUDE)
install(EXPORT mvconfTargets NAMESPACE mvconf:: DESTINATION ${MVCONF_CMAKE_DIR})
configure_package_config_file(cmake/mvconfConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/mvconfConfig.cmake INSTALL_DESTINATION ${MVCONF_CMAKE_DIR})
# The version is project(VERSION)'s. Before 1.0 a minor release may change the port contract or
# the command line, so find_package(mvconf 0.1) accepts 0.1.x only; from 1.0, the same major.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_mvconf_compatibility SameMinorVersion)
else()
  set(_mvconf_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/mvconfConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${_mvconf_compatibility})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/mvconfConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/mvconfConfigVersion.cmake
              cmake/mvconf_add_port.cmake
        DESTINATION ${MVCONF_CMAKE_DIR})

# What `cmake --install` puts in place, and the Debian package `cpack -G DEB`
# builds from it: the precis command, the libraries (static) with their
# public headers, and pkg-config files that name what they link with:
# precis (summarize, clean, cluster, rouge, bench) and precis-serve (the
# store and server of precis serve, over SQLite and cpp-httplib).
include(GNUInstallDirs)

install(TARGETS precis_main RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS precis precis_eval precis_serve ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/precis" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# The prefix relative to the .pc file, so that the same file serves
# `cmake --install --prefix ANY` and the package (/usr).
set(PRECIS_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH PRECIS_PC_TO_PREFIX "/prefix/${PRECIS_PC_DIR}" "/prefix")
string(REGEX REPLACE "/$" "" PRECIS_PC_TO_PREFIX "${PRECIS_PC_TO_PREFIX}")
foreach(pc precis precis-serve)
  configure_file("${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in" "${PROJECT_BINARY_DIR}/${pc}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/${pc}.pc" DESTINATION "${PRECIS_PC_DIR}")
endforeach()

set(CPACK_PACKAGE_NAME precis)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "precis developers <precis@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "cited extractive briefs of news stories, and ROUGE-1.5.5 scores")
set(CPACK_PACKAGE_DESCRIPTION
    "precis turns many articles about one story into one short extractive brief whose sentences cite the articles that report them. precis rouge gives the figures of the ROUGE-1.5.5 Perl script. Holds the precis command and the precis libraries (static, with their headers and pkg-config files: precis, precis-serve).")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The run-time dependencies (ICU, libxml2, GLPK, ...) as dpkg-shlibdeps
# finds them in the binary: the Debian release's own package names.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)

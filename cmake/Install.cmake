# What `cmake --install` puts in place, and the Debian package `cpack -G DEB`
# builds from it: the precis command, the library (static) with its public
# headers, and a pkg-config file that names what the library links with.
include(GNUInstallDirs)

install(TARGETS precis_main RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS precis precis_eval ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/precis" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# The prefix relative to the .pc file, so that the same file serves
# `cmake --install --prefix ANY` and the package (/usr).
set(PRECIS_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH PRECIS_PC_TO_PREFIX "/prefix/${PRECIS_PC_DIR}" "/prefix")
string(REGEX REPLACE "/$" "" PRECIS_PC_TO_PREFIX "${PRECIS_PC_TO_PREFIX}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/precis.pc.in" "${PROJECT_BINARY_DIR}/precis.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/precis.pc" DESTINATION "${PRECIS_PC_DIR}")

set(CPACK_PACKAGE_NAME precis)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "precis developers <precis@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "cited extractive briefs of news stories, and ROUGE-1.5.5 scores")
set(CPACK_PACKAGE_DESCRIPTION
    "precis turns many articles about one story into one short extractive brief whose sentences cite the articles that report them. precis rouge gives the figures of the ROUGE-1.5.5 Perl script. Holds the precis command and the precis library (static, with its headers and a pkg-config file).")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The run-time dependencies (ICU, libxml2, GLPK, ...) as dpkg-shlibdeps
# finds them in the binary: the Debian release's own package names.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)

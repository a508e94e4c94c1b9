# Debian package of the console (qt_generate_deploy_app_script is not usable on Linux with
# Qt 6.4, style.md §5.2): the binaries are installed by the targets' install rules and the
# package depends on Debian's Qt and QtKeychain runtime packages.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "mimecast-sentinel-console")
set(CPACK_PACKAGE_VENDOR "Mimecast Sentinel Console developers")
set(CPACK_PACKAGE_CONTACT "Mimecast Sentinel Console developers <maintainers@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring")
include(CPack)

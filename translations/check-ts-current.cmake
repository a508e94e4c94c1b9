# Runs lupdate, exactly as update_translations does (the project file Qt generates for the ui
# target), on a copy of TS_FILE, and fails if the copy changes: a user-visible string was
# added or changed without updating the translation. The source tree is never written.
get_filename_component(name ${TS_FILE} NAME)
set(copy ${WORK_DIR}/check-${name})
set(project ${WORK_DIR}/check-${name}.json)
file(COPY_FILE ${TS_FILE} ${copy})
execute_process(
    COMMAND ${CMAKE_COMMAND} -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${project} -P ${GENERATOR}
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not generate the lupdate project from ${PROJECT_IN}")
endif()
execute_process(
    COMMAND ${LUPDATE} -project ${project} -no-obsolete -locations none -ts ${copy}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}):\n${out}\n${err}")
endif()
file(READ ${TS_FILE} committed)
file(READ ${copy} current)
if(NOT committed STREQUAL current)
    message(FATAL_ERROR "${name} is out of date with the sources:\n${out}\n"
        "Run 'cmake --build <build dir> --target update_translations', translate the new "
        "entries and commit the .ts file.")
endif()
message(STATUS "${name} is current: ${out}")

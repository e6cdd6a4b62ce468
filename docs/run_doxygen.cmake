# Runs Doxygen when there are generated C++ headers; otherwise removes stale XML, so the API
# page says the header is not generated yet instead of rendering old entities.
file(GLOB headers "${INCLUDE_DIR}/*.h")
if(headers)
  file(MAKE_DIRECTORY "${DOXYGEN_OUT}") # Doxygen does not create nested output directories.
  execute_process(COMMAND "${DOXYGEN}" "${DOXYFILE}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "doxygen failed (${rc})")
  endif()
else()
  file(REMOVE_RECURSE "${DOXYGEN_OUT}/xml")
endif()

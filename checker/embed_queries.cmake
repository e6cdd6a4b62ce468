# Writes OUT: one `inline constexpr const char kQuery_<name>[]` per data file in INPUTS
# (kernel_macros.hints).
set(text "// Generated from checker data files by embed_queries.cmake; do not edit.\n#pragma once\n")
foreach(input ${INPUTS})
  get_filename_component(name ${input} NAME_WE)
  file(READ ${input} body)
  string(APPEND text "inline constexpr const char kQuery_${name}[] = R\"scm(${body})scm\";\n")
endforeach()
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)

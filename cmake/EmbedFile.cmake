# precis_embed_file(<target> <input file> <C++ symbol>)
#
# Compiles the bytes of <input file> into <target> as
#   extern const unsigned char <symbol>[]; extern const std::size_t <symbol>_size;
# (in namespace precis::embedded). Used for data the binary must carry so that
# it runs without any data directory (stopword list, exception table, ...).
function(precis_embed_file target input symbol)
  get_filename_component(input_abs "${input}" ABSOLUTE)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cc")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input_abs} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    DEPENDS "${input_abs}" "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    COMMENT "Embedding ${input}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()

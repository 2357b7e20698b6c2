# RTL source lists and helpers for Verilated targets (tests, benchmarks, the simulator).
find_package(verilator REQUIRED HINTS $ENV{VERILATOR_ROOT} /usr/share/verilator)

set(RTL_DIR ${PROJECT_SOURCE_DIR}/rtl)
set(RTL_PACKAGES ${RTL_DIR}/pkg/af8_pkg.sv ${RTL_DIR}/pkg/edgebert_csr_pkg.sv
  ${RTL_DIR}/pkg/cmd_pkg.sv)
set(RTL_NUMERICS ${RTL_DIR}/numerics/af8_mul.sv ${RTL_DIR}/numerics/af8_requant.sv
  ${RTL_DIR}/numerics/vec_decode.sv ${RTL_DIR}/numerics/vec_encode.sv)
set(PU_SOURCES ${RTL_PACKAGES} ${RTL_NUMERICS} ${RTL_DIR}/pu/pu_vmac_array.sv ${RTL_DIR}/pu/pu.sv)

# Verilator's runtime headers are not warning-clean under our flags: they come in as system
# headers (GCC drops a -I that is also given as -isystem), and the project warnings apply to the
# target's own sources only.
function(edgebert_verilated_target target)
  target_link_libraries(${target} PRIVATE edgebert_sim)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
  target_include_directories(${target} SYSTEM PUBLIC ${VERILATOR_ROOT}/include
    ${VERILATOR_ROOT}/include/vltstd)
  get_target_property(sources ${target} SOURCES)
  set_source_files_properties(${sources} TARGET_DIRECTORY ${target}
    PROPERTIES COMPILE_OPTIONS "${EDGEBERT_WARNINGS}")
endfunction()

# Adds a Verilated model `prefix` of module `top` to a target, with -G parameters.
#   TRACE             FST tracing (--trace-fst --trace-structs): the model gains trace(), the
#                     target compiles verilated_fst_c.cpp and links zlib (verilate() adds both).
#                     Without it (the default) the model is built as before, with no tracing.
#   TRACE_DEPTH <n>   levels of hierarchy that get tracing code (default 0: all); the harness
#                     can still select fewer at run time (VerilatedFstC::dumpvars).
#   COVERAGE          line and toggle coverage (--coverage-line --coverage-toggle): verilate()
#                     then compiles verilated_cov.cpp and defines VM_COVERAGE=1 for the target,
#                     and the program writes the points with
#                     Verilated::threadContextp()->coveragep()->write(file) (`make coverage`).
#                     The model's __Slow files (construction, registration of the points) run
#                     once and are compiled at -O0 to keep the large coverage build short.
#                     -fno-split: Verilator 5.006 otherwise splits a clocked block and can leave
#                     a branch's counter where a function result in its condition (wr_to(),
#                     in_range()) is a stale local: such branches read 0 however often they ran.
function(edgebert_verilate target prefix top)
  cmake_parse_arguments(ARG "TRACE;COVERAGE" "TRACE_DEPTH" "SOURCES;PARAMS" ${ARGN})
  set(params)
  foreach(p ${ARG_PARAMS})
    list(APPEND params -G${p})
  endforeach()
  set(trace)
  if(ARG_TRACE)
    if(NOT DEFINED ARG_TRACE_DEPTH)
      set(ARG_TRACE_DEPTH 0)
    endif()
    set(trace TRACE_FST TRACE_STRUCTS)
    list(APPEND params --trace-depth ${ARG_TRACE_DEPTH})
  elseif(DEFINED ARG_TRACE_DEPTH)
    message(FATAL_ERROR "edgebert_verilate(${prefix}): TRACE_DEPTH without TRACE")
  endif()
  if(ARG_COVERAGE)
    # Not verilate()'s COVERAGE (--coverage, which adds user points too): the two kinds asked for.
    # The generated ${prefix}.cmake still reports coverage, so verilate() sets VM_COVERAGE.
    list(APPEND params --coverage-line --coverage-toggle -fno-split)
  endif()
  # Verilator's __Slow files hold what runs once (constructors, initial and settle evaluation,
  # trace declarations): -O0 compiles them about 4x faster (37 s -> 9 s for the traced SoC's
  # largest) and costs no simulation speed, which lives in the per-cycle files (-O3).
  verilate(${target} PREFIX ${prefix} TOP_MODULE ${top} ${trace} OPT_SLOW -O0
    VERILATOR_ARGS -Wall ${params} SOURCES ${ARG_SOURCES})
  target_include_directories(${target} SYSTEM PUBLIC
    ${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}.dir/${prefix}.dir)
endfunction()

# Global-buffer units and the ReRAM store.
set(GB_ELTWISE_SOURCES ${RTL_PACKAGES} ${RTL_NUMERICS} ${RTL_DIR}/gb/gb_eltwise.sv)
set(GB_LOGEXP_SOURCES ${RTL_PACKAGES} ${RTL_DIR}/pkg/gb_pkg.sv ${RTL_DIR}/numerics/vec_decode.sv
  ${RTL_DIR}/gb/gb_exp2.sv ${RTL_DIR}/gb/gb_log2.sv)
set(GB_SOFTMAX_SOURCES ${GB_LOGEXP_SOURCES} ${RTL_DIR}/numerics/af8_requant.sv
  ${RTL_DIR}/numerics/vec_encode.sv ${RTL_DIR}/gb/gb_softmax.sv)
set(GB_ENTROPY_SOURCES ${GB_LOGEXP_SOURCES} ${RTL_DIR}/gb/gb_entropy.sv)
set(GB_LAYERNORM_SOURCES ${RTL_PACKAGES} ${RTL_NUMERICS} ${RTL_DIR}/gb/gb_divider.sv
  ${RTL_DIR}/gb/gb_isqrt.sv ${RTL_DIR}/gb/gb_layernorm.sv)
set(RERAM_SOURCES ${RTL_DIR}/pkg/reram_pkg.sv ${RTL_DIR}/gb/reram_fault.sv
  ${RTL_DIR}/gb/reram_store.sv)
set(GB_TOP_SOURCES ${RTL_PACKAGES} ${RTL_DIR}/pkg/gb_pkg.sv ${RTL_DIR}/pkg/reram_pkg.sv
  ${RTL_NUMERICS} ${RTL_DIR}/gb/gb_exp2.sv ${RTL_DIR}/gb/gb_log2.sv ${RTL_DIR}/gb/gb_divider.sv
  ${RTL_DIR}/gb/gb_isqrt.sv ${RTL_DIR}/gb/gb_eltwise.sv ${RTL_DIR}/gb/gb_softmax.sv
  ${RTL_DIR}/gb/gb_layernorm.sv ${RTL_DIR}/gb/gb_entropy.sv ${RTL_DIR}/gb/reram_fault.sv
  ${RTL_DIR}/gb/reram_store.sv ${RTL_DIR}/gb/gb_gather.sv ${RTL_DIR}/gb/gb_uab.sv ${RTL_DIR}/gb/gb_aux.sv
  ${RTL_DIR}/gb/gb.sv)
set(GB_GATHER_SOURCES ${RTL_PACKAGES} ${RTL_NUMERICS} ${RTL_DIR}/gb/gb_gather.sv)

# The SoC top (rtl/soc): AXI slave, splitter, CSR block and queue, sequencer, weight SRAM, the PU
# and the GB.
set(SOC_SOURCES ${GB_TOP_SOURCES} ${RTL_DIR}/soc/soc_pkg.sv ${RTL_DIR}/pu/pu_vmac_array.sv
  ${RTL_DIR}/pu/pu.sv ${RTL_DIR}/soc/soc_axi.sv ${RTL_DIR}/soc/soc_axi_splitter.sv
  ${RTL_DIR}/soc/soc_cmdq.sv ${RTL_DIR}/soc/soc_seq.sv ${RTL_DIR}/soc/soc_csr.sv
  ${RTL_DIR}/soc/soc_wsram.sv ${RTL_DIR}/soc/edgebert_soc.sv)

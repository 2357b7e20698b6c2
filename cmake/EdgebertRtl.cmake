# RTL source lists and helpers for Verilated targets (tests, benchmarks, the simulator).
include(${CMAKE_CURRENT_LIST_DIR}/EdgebertVerilator.cmake)

set(RTL_DIR ${PROJECT_SOURCE_DIR}/rtl)
# The assertions' package (the DPI import they report through): first in every model's sources.
set(RTL_ASSERT_PKG ${RTL_DIR}/pkg/eb_assert_pkg.sv)
option(EDGEBERT_RTL_ASSERT "Verilate every model with the RTL's assertions (--assert)" ON)
# The packages every unit imports, and the elaboration checks of the build parameters.
set(RTL_PACKAGES ${RTL_DIR}/pkg/af8_pkg.sv ${RTL_DIR}/pkg/edgebert_csr_pkg.sv
  ${RTL_DIR}/pkg/cmd_pkg.sv ${RTL_DIR}/prim/param_check.sv ${RTL_DIR}/prim/sram_host_port.sv
  ${RTL_DIR}/prim/cmd_unit_ctrl.sv ${RTL_DIR}/prim/loop_counter.sv
  ${RTL_DIR}/prim/clock_gate.sv)
set(RTL_NUMERICS ${RTL_DIR}/numerics/af8_mul.sv ${RTL_DIR}/numerics/af8_requant.sv
  ${RTL_DIR}/numerics/vec_decode.sv ${RTL_DIR}/numerics/vec_encode.sv)
set(PU_SOURCES ${RTL_PACKAGES} ${RTL_NUMERICS} ${RTL_DIR}/pu/pu_vmac_array.sv ${RTL_DIR}/pu/pu.sv)

# A program or library with Verilated models: it links the simulation support, and the project
# warnings apply to its own sources (edgebert_verilator_model gives the generated ones none).
function(edgebert_verilated_target target)
  target_link_libraries(${target} PRIVATE edgebert_sim)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
  target_compile_options(${target} PRIVATE ${EDGEBERT_WARNINGS})
endfunction()

# Adds a Verilated model `prefix` of module `top` to a target, with -G parameters.
#   ARGS <options>    more Verilator options (a test model's --public-flat-rw, for pokes).
#   TRACE             FST tracing (--trace-fst --trace-structs): the model gains trace().
#                     Without it (the default) the model has no tracing code.
#   TRACE_DEPTH <n>   levels of hierarchy that get tracing code (default 0: all); the harness
#                     can still select fewer at run time (VerilatedFstC::dumpvars).
#   COVERAGE          line and toggle coverage (--coverage-line --coverage-toggle): the target
#                     links verilated_cov.cpp, and the program writes the points with
#                     Verilated::defaultContextp()->coveragep()->write(file) (`make coverage`).
#                     -fno-split: Verilator 5.006 otherwise splits a clocked block and can leave
#                     a branch's counter where a function result in its condition (wr_to(),
#                     in_range()) is a stale local: such branches read 0 however often they ran.
function(edgebert_verilate target prefix top)
  cmake_parse_arguments(ARG "TRACE;COVERAGE" "TRACE_DEPTH" "SOURCES;PARAMS;ARGS" ${ARGN})
  # Every model runs the RTL's assertions (rtl/include/eb_assert.svh; docs/verification.md):
  # --assert, and their package ahead of every source (EDGEBERT_RTL_ASSERT=OFF: none, for speed
  # measurements only).
  set(args -Wall ${ARG_ARGS})
  if(EDGEBERT_RTL_ASSERT)
    list(APPEND args --assert)
  endif()
  list(PREPEND ARG_SOURCES ${RTL_ASSERT_PKG})
  foreach(p ${ARG_PARAMS})
    list(APPEND args -G${p})
  endforeach()
  set(kinds)
  if(ARG_TRACE)
    if(NOT DEFINED ARG_TRACE_DEPTH)
      set(ARG_TRACE_DEPTH 0)
    endif()
    list(APPEND args --trace-fst --trace-structs --trace-depth ${ARG_TRACE_DEPTH})
    list(APPEND kinds TRACE)
  elseif(DEFINED ARG_TRACE_DEPTH)
    message(FATAL_ERROR "edgebert_verilate(${prefix}): TRACE_DEPTH without TRACE")
  endif()
  if(ARG_COVERAGE)
    list(APPEND args --coverage-line --coverage-toggle -fno-split)
    list(APPEND kinds COVERAGE)
  endif()
  edgebert_verilator_model(${target} ${prefix} ${top} ${kinds} SOURCES ${ARG_SOURCES}
    ARGS ${args})
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
set(RERAM_SOURCES ${RTL_PACKAGES} ${RTL_DIR}/pkg/reram_pkg.sv ${RTL_DIR}/gb/reram_fault.sv
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
  ${RTL_DIR}/prim/fifo_sync.sv ${RTL_DIR}/soc/soc_seq.sv ${RTL_DIR}/soc/soc_csr.sv
  ${RTL_DIR}/soc/soc_wsram.sv ${RTL_DIR}/soc/edgebert_soc.sv)

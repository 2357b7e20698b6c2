# The build parameters' elaboration checks (rtl/prim/param_check.sv), run as
#   cmake -DVERILATOR=... -DINCLUDE_DIR=rtl/include -DSOURCES="a.sv|b.sv|..." -P param_checks.cmake
# The reference configuration must elaborate; each illegal value must stop Verilator with a
# message that names the parameter and its value. Lint only: no model is built.
string(REPLACE "|" ";" sources "${SOURCES}")

function(lint_soc expect_ok params expected_message)
  set(args)
  foreach(p ${params})
    list(APPEND args -G${p})
  endforeach()
  execute_process(
    COMMAND ${VERILATOR} --lint-only -Wall -I${INCLUDE_DIR} --top-module edgebert_soc ${args}
      ${sources}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect_ok)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the reference parameters ${params} failed to elaborate:\n${err}")
    endif()
  else()
    if(rc EQUAL 0)
      message(FATAL_ERROR "${params} elaborated; its elaboration check did not fire")
    endif()
    if(NOT err MATCHES "${expected_message}")
      message(FATAL_ERROR "${params}: expected a message matching '${expected_message}', got:\n${err}")
    endif()
    message(STATUS "rejected ${params}: ${CMAKE_MATCH_0}")
  endif()
endfunction()

lint_soc(TRUE "Lanes=16" "")
lint_soc(TRUE "Lanes=4;AccRows=8;UabVectors=16384;WsramVectors=32768;AuxBytes=16384" "")
lint_soc(FALSE "Lanes=12" "Lanes = 12: the supported n are 4, 8, 16 and 32")
lint_soc(FALSE "AccRows=100" "AccRows = 100: must be a multiple of Lanes")
lint_soc(FALSE "CmdqDepth=1" "CmdqDepth = 1: must be 2\\.\\.255")
lint_soc(FALSE "MaxSeq=520" "MaxSeq = 520: must be a multiple of Lanes")
lint_soc(FALSE "UabVectors=100" "UabVectors = 100: at most 2\\^24 vectors, a whole number of KiB")
lint_soc(FALSE "WsramVectors=16777217" "WsramVectors = 16777217")
lint_soc(FALSE "AuxBytes=131072" "AuxBytes = 131072: a whole number of KiB, 1 KiB to 65536")
lint_soc(FALSE "ReramWords=100" "ReramWords = 100: a whole number of KiB")
lint_soc(FALSE "ValueBaseWord=1048576" "ValueBaseWord = 1048576: must lie inside the ReRAM store")

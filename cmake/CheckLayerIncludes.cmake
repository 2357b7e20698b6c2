# The include directions of the firmware and the driver (docs/architecture.md section 13), as
# the ctest `layer_includes`: a forbidden #include in sw/firmware/ or sw/driver/ fails it with
# the file, the line and the rule. `layer_includes_self_test` plants one violation of each rule
# in a scratch tree and requires every one to be reported, so the check cannot rot into a
# no-op.
#
#   cmake -DROOT=<repository> -P cmake/CheckLayerIncludes.cmake
#   cmake -DSELF_TEST=<scratch folder> -P cmake/CheckLayerIncludes.cmake
cmake_minimum_required(VERSION 3.25)

# Firmware: could run on an embedded core, so freestanding-friendly standard headers only, its
# own headers and the generated register map.
set(FIRMWARE_STD "array|cstddef|cstdint|span")
set(FIRMWARE_OWN "firmware/[a-z_]+\\.h|regmap/edgebert_regs\\.h")

# Driver: below the simulation tree, Verilator, the model pipeline and compiler, the golden
# model and the lockstep layer that joins them to it.

# Appends "file:line: rule" to `out` for every forbidden include of `file`.
function(check_file file layer out)
  file(STRINGS "${file}" lines)
  set(found "")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"][^>\"]+[>\"])")
      continue()
    endif()
    set(inc "${CMAKE_MATCH_1}")
    set(rule "")
    if(layer STREQUAL "firmware")
      if(NOT inc MATCHES "^<(${FIRMWARE_STD})>$" AND NOT inc MATCHES "^\"(${FIRMWARE_OWN})\"$")
        set(rule "the firmware includes only <${FIRMWARE_STD}>, firmware/ and the register map")
      endif()
    else()
      if(inc MATCHES "^\"(sim|harness|tlm|workloads|targets|coverage)/")
        set(rule "the driver does not include the simulation tree (sim/)")
      elseif(inc MATCHES "[Vv]erilated" OR inc MATCHES "^\"V[A-Za-z0-9_]+\\.h\"$")
        set(rule "the driver does not include Verilator or a Verilated model")
      elseif(inc MATCHES "^\"model/(compiler|compile_steps|task_config)\\.h\"$")
        set(rule "the driver does not include the model compiler")
      elseif(inc MATCHES "^\"(golden|model|lockstep)/")
        set(rule "the driver does not include the golden model, the model pipeline or lockstep")
      elseif(inc MATCHES "^\"(app/|(compile|golden|reference|run|serve|soc_run)_job\\.h\"$)")
        set(rule "the driver does not include the application")
      endif()
    endif()
    if(rule)
      list(APPEND found "${file}:${number}: ${inc}: ${rule}")
    endif()
  endforeach()
  set(${out} "${${out}};${found}" PARENT_SCOPE)
endfunction()

function(check_tree root out)
  set(violations "")
  foreach(layer firmware driver)
    file(GLOB sources "${root}/sw/${layer}/*.h" "${root}/sw/${layer}/*.cc")
    if(NOT sources)
      message(FATAL_ERROR "no sources under ${root}/sw/${layer}: wrong ROOT?")
    endif()
    foreach(file IN LISTS sources)
      check_file("${file}" ${layer} violations)
    endforeach()
  endforeach()
  list(FILTER violations EXCLUDE REGEX "^$")
  set(${out} "${violations}" PARENT_SCOPE)
endfunction()

if(DEFINED SELF_TEST)
  # One planted violation per rule; each must be reported, and the clean lines must not be.
  file(REMOVE_RECURSE "${SELF_TEST}")
  file(WRITE "${SELF_TEST}/sw/firmware/planted.h"
       "#include <cstdint>\n#include \"firmware/hal.h\"\n#include <vector>\n"
       "#include \"golden/accelerator.h\"\n#include <verilated.h>\n")
  file(WRITE "${SELF_TEST}/sw/driver/planted.cc"
       "#include <vector>\n#include \"driver/transport.h\"\n#include \"harness/soc_sim.h\"\n"
       "#include \"Vedgebert_soc_small.h\"\n#include \"model/compiler.h\"\n"
       "#include \"golden/accelerator.h\"\n#include \"soc_run_job.h\"\n"
       "#include \"targets/target_factory.h\"\n")
  file(WRITE "${SELF_TEST}/sw/driver/device.cc"
       "#include \"firmware/inference.h\"\n#include \"model/albert_program.h\"\n"
       "#include \"lockstep/model_device.h\"\n")
  check_tree("${SELF_TEST}" violations)
  set(expected "firmware/planted.h:3:" "firmware/planted.h:4:" "firmware/planted.h:5:"
      "driver/planted.cc:3:" "driver/planted.cc:4:" "driver/planted.cc:5:"
      "driver/planted.cc:6:" "driver/planted.cc:7:" "driver/planted.cc:8:"
      "driver/device.cc:2:" "driver/device.cc:3:")
  list(LENGTH violations count)
  list(LENGTH expected want)
  foreach(e IN LISTS expected)
    string(FIND "${violations}" "${e}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "planted violation ${e} not reported; reported:\n${violations}")
    endif()
  endforeach()
  if(NOT count EQUAL want)
    message(FATAL_ERROR "${count} violations reported, ${want} planted:\n${violations}")
  endif()
  message(STATUS "layer includes self-test: all ${want} planted violations reported")
  return()
endif()

if(NOT DEFINED ROOT)
  message(FATAL_ERROR "give -DROOT=<repository> or -DSELF_TEST=<scratch folder>")
endif()
check_tree("${ROOT}" violations)
if(violations)
  list(JOIN violations "\n" text)
  message(FATAL_ERROR "forbidden includes (docs/architecture.md section 13):\n${text}")
endif()
message(STATUS "layer includes: sw/firmware and sw/driver clean")

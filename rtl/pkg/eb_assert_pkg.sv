// Where an RTL assertion reports its failure (rtl/include/eb_assert.svh): a DPI call into the
// simulation, which names the assertion, its instance (%m) and the cycle, and stops the run
// (sim/harness/rtl_assert.h). Assertions exist in simulation only: under SYNTHESIS the macros
// expand to nothing and nothing calls this.
package eb_assert_pkg;

  // scope: the assertion's hierarchical name (%m), name: its label.
  import "DPI-C" function void eb_assert_fail(input string scope, input string name);

endpackage

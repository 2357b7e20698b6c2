// Tests of the register map generator: the committed outputs are fresh, each validation rule
// rejects a small bad map with a message that names the culprit, and the committed C++ header
// agrees with the YAML it came from.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "regmap/edgebert_regs.h"
#include "regmap_emit.h"
#include "regmap_model.h"
#include "regmap_parse.h"
#include "regmap_text.h"

namespace edgebert::regmap {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

const std::string kSourceDir = EDGEBERT_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Regmap LoadCommittedMap() { return LoadRegmapFile(kSourceDir + "/yaml/regmap.yaml"); }

// 1-based number of the first line where the texts differ, to point at the stale part.
int FirstDifferentLine(const std::string& a, const std::string& b) {
  std::istringstream sa(a);
  std::istringstream sb(b);
  std::string la;
  std::string lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(sa, la));
    const bool more_b = static_cast<bool>(std::getline(sb, lb));
    if (!more_a && !more_b) return 0;
    if (more_a != more_b || la != lb) return line;
  }
}

// ---------------------------------------------------------------------------------------------
// Staleness: the committed outputs equal a fresh run on the committed YAML.
// ---------------------------------------------------------------------------------------------

void ExpectFresh(const std::string& relative_path, const std::string& generated) {
  const std::string committed = ReadFile(kSourceDir + "/" + relative_path);
  EXPECT_TRUE(committed == generated)
      << relative_path << " stale: run `make regmap` (first difference at line "
      << FirstDifferentLine(committed, generated) << ")";
}

TEST(RegmapStaleness, SvPackageMatchesYaml) {
  ExpectFresh("rtl/pkg/edgebert_csr_pkg.sv", EmitSv(LoadCommittedMap()));
}

TEST(RegmapStaleness, CppHeaderMatchesYaml) {
  ExpectFresh("sw/regmap/edgebert_regs.h", EmitCpp(LoadCommittedMap()));
}

TEST(RegmapStaleness, MarkdownMatchesYaml) {
  ExpectFresh("docs/registers.md", EmitMarkdown(LoadCommittedMap()));
}

// ---------------------------------------------------------------------------------------------
// Validation: a small valid map, and one defect at a time.
// ---------------------------------------------------------------------------------------------

constexpr std::string_view kHead = R"(block: test_csr
version: 3
data_width: 32
description: A small map for tests.
)";

constexpr std::string_view kMemoryMap = R"(memory_map:
  - {name: CSR, base: 0x0, size: 0x1000, description: Registers.}
  - {name: MEM, base: 0x10000, size: 0x10000, description: Memory.}
)";

constexpr std::string_view kEnums = R"(enums:
  - name: MODE
    width: 2
    description: Mode.
    values:
      - {name: SLOW, value: 0, description: Slow.}
      - {name: FAST, value: 1, description: Fast.}
)";

constexpr std::string_view kRegisters = R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 1, description: Enable.}
      - {name: MODE, bits: "2:1", access: rw, reset: 1, enum: MODE, description: Mode.}
      - {name: BIAS, bits: "13:8", access: rw, reset: 0, signed: true, description: Bias.}
  - name: DATA
    offset: 0x040
    count: 4
    stride: 4
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
)";

constexpr std::string_view kCommands = R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
    - {name: IRQ, word: 0, bits: "8", description: Interrupt.}
  opcodes:
    - name: NOP
      value: 0
      description: Nothing.
      fields: []
    - name: COPY
      value: 1
      description: Copy.
      fields:
        - {name: LEN, word: 1, bits: "15:0", description: Length.}
        - {name: MODE, word: 0, bits: "10:9", enum: MODE, description: Mode.}
)";

// A test map; each test replaces one section.
struct MapText {
  std::string_view memory_map = kMemoryMap;
  std::string_view enums = kEnums;
  std::string_view registers = kRegisters;
  std::string_view commands = kCommands;

  std::string Yaml() const {
    return std::string(kHead) + std::string(memory_map) + std::string(enums) +
           std::string(registers) + std::string(commands);
  }
};

// The error ParseRegmap reports for `yaml`, or "" when it accepts it.
std::string ErrorOf(const std::string& yaml) {
  try {
    ParseRegmap(yaml);
  } catch (const RegmapError& e) {
    return e.what();
  }
  return "";
}

std::string RegistersError(std::string_view registers) {
  return ErrorOf(MapText{.registers = registers}.Yaml());
}

std::string CommandsError(std::string_view commands) {
  return ErrorOf(MapText{.commands = commands}.Yaml());
}

TEST(RegmapValidation, AcceptsTheTestMap) {
  const Regmap map = ParseRegmap(MapText{}.Yaml());
  ASSERT_EQ(map.registers.size(), 2u);
  EXPECT_EQ(map.registers[0].ResetValue(), 0x3u);
  EXPECT_EQ(map.registers[1].count, 4u);
  EXPECT_EQ(map.commands.opcodes.size(), 2u);
  EXPECT_EQ(map.CsrAddrWidth(), 12u);
}

TEST(RegmapValidation, AcceptsTheCommittedMap) { EXPECT_NO_THROW(LoadCommittedMap()); }

TEST(RegmapValidation, OverlappingFieldsNameBothFields) {
  EXPECT_EQ(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
      - {name: ABORT, bits: "1:0", access: wo, reset: 0, description: Abort.}
)"),
            "regmap.yaml: register CTRL: field ABORT (bits 1:0) overlaps field ENABLE (bits 0:0)");
}

TEST(RegmapValidation, DuplicateOffset) {
  EXPECT_THAT(
      RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
  - name: STATUS
    offset: 0x010
    description: Status.
    fields:
      - {name: BUSY, bits: "0", access: ro, reset: 0, description: Busy.}
)"),
      AllOf(HasSubstr("register STATUS"), HasSubstr("duplicate offset 0x010"), HasSubstr("CTRL")));
}

TEST(RegmapValidation, FieldBeyondBit31) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: WIDE, bits: "32:0", access: rw, reset: 0, description: Too wide.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field WIDE"), HasSubstr("32:0")));
}

TEST(RegmapValidation, MsbBelowLsb) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: BACKWARDS, bits: "0:3", access: rw, reset: 0, description: Reversed.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field BACKWARDS"), HasSubstr("LSB")));
}

TEST(RegmapValidation, MalformedBits) {
  EXPECT_THAT(
      RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ODD, bits: "7-0", access: rw, reset: 0, description: Odd.}
)"),
      AllOf(HasSubstr("register CTRL"), HasSubstr("field ODD"), HasSubstr("malformed bits")));
}

TEST(RegmapValidation, ResetTooWide) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: LEVEL, bits: "3:0", access: rw, reset: 0x10, description: Level.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field LEVEL"), HasSubstr("reset 0x10"),
                    HasSubstr("4 bits")));
}

TEST(RegmapValidation, UnknownAccess) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rx, reset: 0, description: Enable.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field ENABLE"),
                    HasSubstr("unknown access 'rx'")));
}

TEST(RegmapValidation, UnknownKeyCatchesTypos) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", acess: rw, reset: 0, description: Enable.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field ENABLE"),
                    HasSubstr("unknown key 'acess'")));
}

TEST(RegmapValidation, MissingRequiredKey) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, description: Enable.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field ENABLE"),
                    HasSubstr("missing required key 'reset'")));
}

TEST(RegmapValidation, UnknownEnumReference) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: SPEED, bits: "1:0", access: rw, reset: 0, enum: SPEEDS, description: Speed.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field SPEED"),
                    HasSubstr("unknown enum 'SPEEDS'")));
}

TEST(RegmapValidation, EnumWidthDiffersFromField) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: SPEED, bits: "2:0", access: rw, reset: 0, enum: MODE, description: Speed.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field SPEED"), HasSubstr("enum MODE")));
}

TEST(RegmapValidation, EnumValueTooWide) {
  EXPECT_THAT(ErrorOf(MapText{.enums = R"(enums:
  - name: MODE
    width: 2
    description: Mode.
    values:
      - {name: SLOW, value: 0, description: Slow.}
      - {name: FAST, value: 4, description: Fast.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("enum MODE"), HasSubstr("value FAST"), HasSubstr("2 bits")));
}

TEST(RegmapValidation, DuplicateEnumValue) {
  EXPECT_THAT(ErrorOf(MapText{.enums = R"(enums:
  - name: MODE
    width: 2
    description: Mode.
    values:
      - {name: SLOW, value: 1, description: Slow.}
      - {name: FAST, value: 1, description: Fast.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("enum MODE"), HasSubstr("value FAST"), HasSubstr("duplicates SLOW")));
}

TEST(RegmapValidation, EnumNameTakenByGeneratedCode) {
  EXPECT_THAT(ErrorOf(MapText{.enums = R"(enums:
  - name: FIELD
    width: 2
    description: Clashes with regs::Field.
    values:
      - {name: SLOW, value: 0, description: Slow.}
)",
                              .registers = R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("enum FIELD"), HasSubstr("reserved")));
}

TEST(RegmapValidation, OverlappingArray) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: DATA
    offset: 0x040
    count: 4
    stride: 4
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
  - name: PUSH
    offset: 0x048
    description: Push.
    fields:
      - {name: GO, bits: "0", access: wo, reset: 0, description: Go.}
)"),
              AllOf(HasSubstr("register PUSH"), HasSubstr("0x048"), HasSubstr("DATA2")));
}

TEST(RegmapValidation, ArrayOverlappingLaterRegisterNamesTheElement) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: PUSH
    offset: 0x048
    description: Push.
    fields:
      - {name: GO, bits: "0", access: wo, reset: 0, description: Go.}
  - name: DATA
    offset: 0x040
    count: 4
    stride: 4
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
)"),
              AllOf(HasSubstr("register DATA"), HasSubstr("array element DATA2"),
                    HasSubstr("register PUSH")));
}

TEST(RegmapValidation, BadStride) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: DATA
    offset: 0x040
    count: 4
    stride: 2
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
)"),
              AllOf(HasSubstr("register DATA"), HasSubstr("stride 2")));
}

TEST(RegmapValidation, UnalignedOffset) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x012
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("0x012"), HasSubstr("aligned")));
}

TEST(RegmapValidation, RegisterOutsideCsrWindow) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: DATA
    offset: 0xFF8
    count: 4
    stride: 4
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
)"),
              AllOf(HasSubstr("register DATA"), HasSubstr("outside the CSR window")));
}

TEST(RegmapValidation, DuplicateRegisterName) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
  - name: CTRL
    offset: 0x014
    description: Control again.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
)"),
              HasSubstr("duplicate register name CTRL"));
}

TEST(RegmapValidation, ArrayElementNameClashesWithRegister) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: DATA1
    offset: 0x010
    description: Lone register.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
  - name: DATA
    offset: 0x040
    count: 4
    stride: 4
    description: Data words.
    fields:
      - {name: WORD, bits: "31:0", access: rw, reset: 0, description: Word.}
)"),
              HasSubstr("duplicate register name DATA1"));
}

TEST(RegmapValidation, DuplicateFieldName) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
      - {name: ENABLE, bits: "1", access: rw, reset: 0, description: Enable again.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("duplicate field name ENABLE")));
}

TEST(RegmapValidation, SignedOneBitField) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: SIGN, bits: "0", access: rw, reset: 0, signed: true, description: Sign.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field SIGN"), HasSubstr("signed")));
}

TEST(RegmapValidation, WriteOnlyFieldWithNonzeroReset) {
  EXPECT_THAT(RegistersError(R"(registers:
  - name: CTRL
    offset: 0x010
    description: Control.
    fields:
      - {name: GO, bits: "0", access: wo, reset: 1, description: Go.}
)"),
              AllOf(HasSubstr("register CTRL"), HasSubstr("field GO"), HasSubstr("wo")));
}

TEST(RegmapValidation, MemoryRegionsOverlap) {
  EXPECT_THAT(ErrorOf(MapText{.memory_map = R"(memory_map:
  - {name: CSR, base: 0x0, size: 0x1000, description: Registers.}
  - {name: MEM, base: 0x10000, size: 0x10000, description: Memory.}
  - {name: MORE, base: 0x18000, size: 0x8000, description: More memory.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("region MORE"), HasSubstr("overlaps region MEM")));
}

TEST(RegmapValidation, MemoryRegionNotSizeAligned) {
  EXPECT_THAT(ErrorOf(MapText{.memory_map = R"(memory_map:
  - {name: CSR, base: 0x0, size: 0x1000, description: Registers.}
  - {name: MEM, base: 0x18000, size: 0x10000, description: Memory.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("region MEM"), HasSubstr("not aligned")));
}

TEST(RegmapValidation, MemoryRegionSizeNotPowerOfTwo) {
  EXPECT_THAT(ErrorOf(MapText{.memory_map = R"(memory_map:
  - {name: CSR, base: 0x0, size: 0x1000, description: Registers.}
  - {name: MEM, base: 0x30000, size: 0x30000, description: Memory.}
)"}
                          .Yaml()),
              AllOf(HasSubstr("region MEM"), HasSubstr("power of two")));
}

TEST(RegmapValidation, CommandFieldOverlapsCommonField) {
  EXPECT_EQ(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
    - {name: IRQ, word: 0, bits: "8", description: Interrupt.}
  opcodes:
    - name: COPY
      value: 1
      description: Copy.
      fields:
        - {name: FLAGS, word: 0, bits: "9:8", description: Flags.}
)"),
            "regmap.yaml: opcode COPY: field FLAGS (word 0, bits 9:8) overlaps common field IRQ "
            "(word 0, bits 8:8)");
}

TEST(RegmapValidation, CommandFieldsOverlapWithinOpcode) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
  opcodes:
    - name: COPY
      value: 1
      description: Copy.
      fields:
        - {name: SRC, word: 1, bits: "15:0", description: Source.}
        - {name: DST, word: 1, bits: "31:15", description: Destination.}
)"),
              AllOf(HasSubstr("opcode COPY"), HasSubstr("field DST"), HasSubstr("field SRC")));
}

TEST(RegmapValidation, CommandWordOutOfRange) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
  opcodes:
    - name: COPY
      value: 1
      description: Copy.
      fields:
        - {name: LEN, word: 4, bits: "15:0", description: Length.}
)"),
              AllOf(HasSubstr("opcode COPY"), HasSubstr("field LEN"), HasSubstr("word 4")));
}

TEST(RegmapValidation, DuplicateOpcodeValue) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
  opcodes:
    - {name: COPY, value: 1, description: Copy., fields: []}
    - {name: MOVE, value: 1, description: Move., fields: []}
)"),
              AllOf(HasSubstr("opcode MOVE"), HasSubstr("duplicates opcode COPY")));
}

TEST(RegmapValidation, DuplicateOpcodeName) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
  opcodes:
    - {name: COPY, value: 1, description: Copy., fields: []}
    - {name: COPY, value: 2, description: Copy again., fields: []}
)"),
              HasSubstr("duplicate opcode name COPY"));
}

TEST(RegmapValidation, OpcodeValueTooWide) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "3:0", description: Operation.}
  opcodes:
    - {name: COPY, value: 16, description: Copy., fields: []}
)"),
              AllOf(HasSubstr("opcode COPY"), HasSubstr("4-bit OPCODE field")));
}

TEST(RegmapValidation, CommandsNeedAnOpcodeField) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: IRQ, word: 0, bits: "8", description: Interrupt.}
  opcodes: []
)"),
              HasSubstr("OPCODE"));
}

TEST(RegmapValidation, SignedOneBitCommandField) {
  EXPECT_THAT(CommandsError(R"(commands:
  words: 4
  common:
    - {name: OPCODE, word: 0, bits: "7:0", description: Operation.}
  opcodes:
    - name: COPY
      value: 1
      description: Copy.
      fields:
        - {name: SIGN, word: 1, bits: "3", signed: true, description: Sign.}
)"),
              AllOf(HasSubstr("opcode COPY"), HasSubstr("field SIGN"), HasSubstr("signed")));
}

TEST(RegmapValidation, YamlSyntaxErrorGivesTheLine) {
  EXPECT_THAT(ErrorOf("block: x\nversion: [1\n"), AllOf(HasSubstr("line"), HasSubstr("syntax")));
}

TEST(RegmapValidation, AKeyGivenTwiceIsRefused) {
  EXPECT_THAT(ErrorOf("block: x\nblock: y\n"), HasSubstr("key block given twice (lines 1 and 2)"));
}

TEST(RegmapValidation, NumbersAreDecimalOrHexNeverOctal) {
  const Regmap map = ParseRegmap(MapText{.registers = R"(registers:
  - name: CTRL
    offset: 016
    description: Control.
    fields:
      - {name: ENABLE, bits: "0", access: rw, reset: 0, description: Enable.}
)"}
                                     .Yaml());
  EXPECT_EQ(map.registers[0].offset, 16u);  // Not octal 14.
}

TEST(RegmapEmitters, SvRejectsClashingIdentifiers) {
  // Register A's field B_WO yields CsrABWoMask, as does register A_B's write-only mask.
  const Regmap map = ParseRegmap(MapText{.registers = R"(registers:
  - name: A
    offset: 0x010
    description: A.
    fields:
      - {name: B_WO, bits: "0", access: rw, reset: 0, description: B.}
  - name: A_B
    offset: 0x014
    description: AB.
    fields:
      - {name: C, bits: "0", access: rw, reset: 0, description: C.}
)"}
                                     .Yaml());
  EXPECT_THROW(EmitSv(map), RegmapError);
}

TEST(RegmapEmitters, SvRegisterStructsPlaceEveryFieldAndGap) {
  const std::string sv = EmitSv(ParseRegmap(MapText{}.Yaml()));
  // CTRL: BIAS 13:8, MODE 2:1 (enum), ENABLE 0; the gaps reserved, most significant first.
  EXPECT_THAT(sv, HasSubstr("  typedef struct packed {\n"
                            "    logic [17:0] reserved_31_14;\n"
                            "    logic [5:0] bias;\n"
                            "    logic [4:0] reserved_7_3;\n"
                            "    mode_e mode;\n"
                            "    logic enable;\n"
                            "  } csr_ctrl_t;\n"));
  EXPECT_THAT(sv, HasSubstr("  typedef struct packed {\n"
                            "    logic [31:0] word;\n"
                            "  } csr_data_t;\n"));
}

// The widths of a generated struct's members, parsed back from the package text.
int StructBits(const std::string& sv, const std::string& type, const Regmap& map) {
  std::string closing = "} ";
  closing.append(type).append(";");
  const std::size_t end = sv.find(closing);
  if (end == std::string::npos) return -1;
  const std::size_t begin = sv.rfind("typedef struct packed {", end);
  const std::string body = sv.substr(begin, end - begin);
  static const std::regex kMember(R"(\n\s+(logic(?: \[(\d+):(\d+)\])?|(\w+)_e) \w+;)");
  int bits = 0;
  for (std::sregex_iterator it(body.begin(), body.end(), kMember), last; it != last; ++it) {
    const std::smatch& m = *it;
    if (m[4].matched) {
      bool found = false;
      for (const Enum& e : map.enums) {
        if (LowerSnake(e.name) == m[4].str()) {
          bits += static_cast<int>(e.width);
          found = true;
        }
      }
      if (!found) return -1;
    } else if (m[2].matched) {
      bits += std::stoi(m[2].str()) - std::stoi(m[3].str()) + 1;
    } else {
      bits += 1;
    }
  }
  return bits;
}

TEST(RegmapEmitters, EveryRegisterStructIsOneDataWord) {
  const Regmap map = LoadCommittedMap();
  const std::string sv = EmitSv(map);
  for (const Register& reg : map.registers) {
    SCOPED_TRACE(reg.name);
    std::string type = "csr_";
    type.append(LowerSnake(reg.name)).append("_t");
    EXPECT_EQ(StructBits(sv, type, map), static_cast<int>(map.data_width));
  }
}

TEST(RegmapEmitters, OutputIsDeterministic) {
  const Regmap map = LoadCommittedMap();
  EXPECT_EQ(EmitSv(map), EmitSv(LoadCommittedMap()));
  EXPECT_EQ(EmitCpp(map), EmitCpp(LoadCommittedMap()));
  EXPECT_EQ(EmitMarkdown(map), EmitMarkdown(LoadCommittedMap()));
}

// ---------------------------------------------------------------------------------------------
// The committed C++ header agrees with the YAML model. Expectations are computed here from the
// fields rather than with the model's own mask helpers, so a helper bug cannot hide itself.
// ---------------------------------------------------------------------------------------------

struct ExpectedMasks {
  std::uint32_t reset = 0;
  std::uint32_t writable = 0;
  std::uint32_t read = 0;
  std::uint32_t w1c = 0;
};

ExpectedMasks MasksFromFields(const Register& reg) {
  ExpectedMasks m;
  for (const RegField& field : reg.fields) {
    const std::uint64_t ones = (std::uint64_t{1} << field.bits.width()) - 1;
    const auto bits = static_cast<std::uint32_t>(ones << field.bits.lsb);
    m.reset |= static_cast<std::uint32_t>(std::uint64_t{field.reset} << field.bits.lsb);
    if (field.access != Access::kRo) m.writable |= bits;
    if (field.access != Access::kWo) m.read |= bits;
    if (field.access == Access::kW1c) m.w1c |= bits;
  }
  return m;
}

const regs::RegisterInfo* FindRegister(const std::string& name) {
  for (const regs::RegisterInfo& info : regs::kRegisters) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

TEST(RegmapHeader, TableMatchesYamlModel) {
  const Regmap map = LoadCommittedMap();
  std::uint32_t instances = 0;
  for (const Register& reg : map.registers) {
    const ExpectedMasks expected = MasksFromFields(reg);
    for (std::uint32_t i = 0; i < reg.count; ++i, ++instances) {
      const std::string name = reg.is_array ? reg.name + std::to_string(i) : reg.name;
      SCOPED_TRACE(name);
      const regs::RegisterInfo* info = FindRegister(name);
      ASSERT_NE(info, nullptr) << name << " missing from kRegisters";
      EXPECT_EQ(info->offset, reg.offset + i * reg.stride);
      EXPECT_EQ(info->reset, expected.reset);
      EXPECT_EQ(info->writable_mask, expected.writable);
      EXPECT_EQ(info->read_mask, expected.read);
      EXPECT_EQ(info->w1c_mask, expected.w1c);
    }
  }
  EXPECT_EQ(regs::kNumRegisters, instances);
}

TEST(RegmapHeader, ConstantsMatchYamlModel) {
  const Regmap map = LoadCommittedMap();
  EXPECT_EQ(regs::kVersion, map.version);
  EXPECT_EQ(regs::kCommandWords, map.commands.words);
  const MemRegion* uab = map.FindRegion("UAB_VAL");
  ASSERT_NE(uab, nullptr);
  EXPECT_EQ(regs::kMemUabValBase, uab->base);
  EXPECT_EQ(regs::kMemUabValSize, uab->size);
}

TEST(RegmapHeader, SpotChecks) {
  static_assert(regs::kCtrlOffset == 0x010);
  static_assert(regs::ctrl::kEnable.lsb == 0 && regs::ctrl::kEnable.width == 1);
  static_assert(regs::ctrl::kEnable.mask() == 0x1);
  static_assert(regs::kCmdDataOffset(15) == 0x07C);
  static_assert(regs::cmd::kOpcode.width == 8 && regs::cmd::kIrq.lsb == 8);
  static_assert(regs::cmd::matmul::kM.word == 1 && regs::cmd::matmul::kM.width == 16);
  static_assert(static_cast<int>(regs::Opcode::kMatmul) == 1);
  static_assert(static_cast<int>(regs::ErrCode::kCmdqOverflow) == 4);
  static_assert(regs::intr_state::kW1cMask == 0x7);
  EXPECT_EQ(regs::Get(regs::id::kMagic, regs::id::kResetValue), 0xEDBEu);
  static_assert(regs::id::kMagicReset == 0xEDBE && regs::hwcfg0::kLanesReset == 16);
  static_assert(regs::reram_ctrl::kValueModeReset == 1 && regs::reram_latency::kMlc3Reset == 2);
}

// Every field's reset constant in the header is the YAML's.
TEST(RegmapHeader, FieldResetConstantsMatchYaml) {
  const Regmap map = LoadCommittedMap();
  const std::string header = ReadFile(kSourceDir + "/sw/regmap/edgebert_regs.h");
  for (const Register& reg : map.registers) {
    for (const RegField& field : reg.fields) {
      SCOPED_TRACE(reg.name + "." + field.name);
      // The constant's line inside the register's namespace.
      std::string ns_line = "namespace ";
      ns_line.append(LowerSnake(reg.name)).append(" {");
      const std::size_t ns = header.find(ns_line);
      ASSERT_NE(ns, std::string::npos);
      std::string name = "k";
      name.append(UpperCamel(field.name)).append("Reset = ");
      const std::size_t at = header.find(name, ns);
      ASSERT_NE(at, std::string::npos);
      EXPECT_EQ(std::stoul(header.substr(at + name.size(), 10), nullptr, 16), field.reset);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One definition of each fact: no register-map fact is written by hand outside the YAML and
// the files generated from it.
// ---------------------------------------------------------------------------------------------

struct Leak {
  std::string file;
  int line = 0;
  std::string text;
};

std::vector<Leak> FindLeaks(const std::regex& pattern) {
  namespace fs = std::filesystem;
  const std::vector<std::string> generated = {"rtl/pkg/edgebert_csr_pkg.sv",
                                              "sw/regmap/edgebert_regs.h"};
  std::vector<Leak> leaks;
  for (const std::string root : {"rtl", "sw"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kSourceDir + "/" + root)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".sv" && ext != ".h" && ext != ".cc")) continue;
      const std::string relative = fs::relative(entry.path(), kSourceDir).string();
      if (std::find(generated.begin(), generated.end(), relative) != generated.end()) continue;
      std::istringstream text(ReadFile(entry.path().string()));
      std::string line;
      for (int n = 1; std::getline(text, line); ++n) {
        if (std::regex_search(line, pattern)) leaks.push_back({relative, n, line});
      }
    }
  }
  return leaks;
}

std::string Describe(const std::vector<Leak>& leaks) {
  std::string out;
  for (const Leak& leak : leaks) {
    out.append(leak.file).append(":").append(std::to_string(leak.line)).append(": ");
    out.append(leak.text).append("\n");
  }
  return out;
}

TEST(RegmapFacts, NoRegisterMapFactOutsideTheYaml) {
  // The ID magic, cause counts and masks, counter counts and address widths as literals.
  const std::regex facts(
      R"([Ee][Dd][Bb][Ee]|\b(IntrBits|PerfCounters|AuxWordBits|AddrBits|kAllCauses)\s*=\s*(\d|0x))");
  const std::vector<Leak> leaks = FindLeaks(facts);
  EXPECT_TRUE(leaks.empty()) << "register-map facts written by hand (use the generated "
                                "constants):\n"
                             << Describe(leaks);
}

TEST(RegmapFacts, RtlPacksNoRegisterByHand) {
  // A CSR value built by concatenation or shifted into place, or a CSR offset as a literal:
  // soc_csr.sv reads and writes registers through the generated csr_<reg>_t structs.
  const std::regex packing(R"(<< Csr\w+Lsb|\{\d+'d0, \d+'\(|12'h[0-9A-Fa-f])");
  const std::vector<Leak> leaks = FindLeaks(packing);
  EXPECT_TRUE(leaks.empty()) << "hand-packed registers:\n" << Describe(leaks);
}

TEST(RegmapHeader, SignedFieldRoundTrip) {
  constexpr regs::Field kExpA = regs::cmd::matmul::kExpA;  // Signed, bits 5:0 of word 3.
  static_assert(kExpA.is_signed && kExpA.width == 6 && kExpA.lsb == 0);
  constexpr regs::Field kExpB = regs::cmd::matmul::kExpB;  // Signed, bits 13:8.
  for (const std::int32_t value : {-32, -1, 0, 31}) {
    SCOPED_TRACE(value);
    const std::uint32_t word = regs::SetSigned(kExpB, 0xFFFFFFFFu, value);
    EXPECT_EQ(regs::GetSigned(kExpB, word), value);
    EXPECT_EQ(word & ~kExpB.mask(), 0xFFFFFFFFu & ~kExpB.mask()) << "neighbours disturbed";
    const std::uint32_t raw = regs::Set(kExpA, 0, static_cast<std::uint32_t>(value));
    EXPECT_EQ(regs::GetSigned(kExpA, raw), value);
    EXPECT_EQ(regs::Get(kExpA, raw), static_cast<std::uint32_t>(value) & 0x3Fu);
  }
  static_assert(regs::GetSigned(kExpA, 0x20) == -32);
  static_assert(regs::GetSigned(kExpA, 0x1F) == 31);
  static_assert(regs::Set(kExpA, 0, 0xFFu) == 0x3F);  // Value masked to the field.
}

// The C99 header, the Python module and the GTKWave filters carry the C++ header's values (all
// are generated from the same model; this catches an emitter that spells or computes one
// differently).
std::string Value(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

TEST(RegmapOtherLanguages, CHeaderValuesMatchTheCppHeader) {
  const std::string c = EmitC(LoadCommittedMap());
  EXPECT_EQ(std::stoul(Value(c, R"(#define EB_REG_CMD_SEQ_OFFSET (0x[0-9A-F]+)u)"), nullptr, 16),
            edgebert::regs::kCmdSeqOffset);
  EXPECT_EQ(std::stoul(Value(c, R"(#define EB_MEM_AUX_BASE (0x[0-9A-F]+)u)"), nullptr, 16),
            edgebert::regs::kMemAuxBase);
  EXPECT_EQ(std::stoul(Value(c, R"(#define EB_INTR_STATE_ERROR_MASK (0x[0-9A-F]+)u)"), nullptr, 16),
            edgebert::regs::intr_state::kError.mask());
  EXPECT_EQ(std::stoul(Value(c, R"(#define EB_CMD_IRQ_WORD (\d+)u)")),
            edgebert::regs::cmd::kIrq.word);
  EXPECT_EQ(std::stoul(Value(c, R"(#define EB_OPCODE_MATMUL (\d+)u)")),
            static_cast<unsigned long>(edgebert::regs::Opcode::kMatmul));
  EXPECT_THAT(c, ::testing::HasSubstr("#define EB_REG_CMD_DATA_OFFSET(i)"));
  EXPECT_THAT(c, ::testing::HasSubstr("static inline const char* eb_err_code_name(uint32_t"));
}

TEST(RegmapOtherLanguages, PythonModuleValuesMatchTheCppHeader) {
  const std::string py = EmitPython(LoadCommittedMap());
  EXPECT_EQ(std::stoul(Value(py, R"(\nREG_CMD_SEQ_OFFSET = (0x[0-9A-F]+))"), nullptr, 16),
            edgebert::regs::kCmdSeqOffset);
  EXPECT_EQ(std::stoul(Value(py, R"(\nHWCFG0_LANES_MASK = (0x[0-9A-F]+))"), nullptr, 16),
            edgebert::regs::hwcfg0::kLanes.mask());
  EXPECT_THAT(py, ::testing::HasSubstr("\n    1: \"MATMUL\",\n"));
}

TEST(RegmapOtherLanguages, GtkwaveFiltersPadToTheEnumWidth) {
  const Regmap map = LoadCommittedMap();
  EXPECT_THAT(EmitGtkwaveFilter(map, "OPCODE"), ::testing::HasSubstr("01 MATMUL\n"));
  EXPECT_THAT(EmitGtkwaveFilter(map, "ERR_CODE"), ::testing::HasSubstr("04 CMDQ_OVERFLOW\n"));
  EXPECT_THROW(EmitGtkwaveFilter(map, "NO_SUCH_ENUM"), RegmapError);
}

}  // namespace
}  // namespace edgebert::regmap

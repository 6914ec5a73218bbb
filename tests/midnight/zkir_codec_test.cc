// ZKIR v2: every compiler .zkir converts to exactly its .bzkir (jsonIrToBinary), the binary and
// JSON codecs agree, and the JSON reader follows the official serde rules (checked against the
// oracle's json2bin; see the expected bytes below).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "base/hex.h"
#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"
#include "tests/testing/vectors.h"

namespace nightjar::midnight {
namespace {

namespace fs = std::filesystem;

using testing::read_file;

std::string read_text(const fs::path& path) {
  std::vector<uint8_t> b = read_file(path);
  return std::string(b.begin(), b.end());
}

std::vector<fs::path> files_with(const fs::path& root, const std::string& ext) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ZkirJson, EveryZkirConvertsToItsBzkir) {
  fs::path root = testing::vectors_dir() / "midnight" / "circuits";
  NIGHTJAR_REQUIRE_VECTOR(root);
  size_t matched = 0;
  size_t precompiles = 0;
  for (const fs::path& zkir : files_with(root, ".zkir")) {
    SCOPED_TRACE(zkir.string());
    fs::path bzkir = fs::path(zkir).replace_extension(".bzkir");
    Result<std::vector<uint8_t>> binary = json_ir_to_binary(read_text(zkir));
    ASSERT_TRUE(binary.is_ok()) << binary.status().message();
    if (!fs::exists(bzkir)) continue;  // transient-crypto's basic.zkir has no binary twin
    EXPECT_EQ(*binary, read_file(bzkir));
    ++matched;
    if (zkir.string().find("/precompiles/") != std::string::npos) ++precompiles;
  }
  EXPECT_GE(matched, 35u);
  EXPECT_EQ(precompiles, 24u);
  std::printf("[ zkir->bzkir ] %zu of the .zkir files equal their .bzkir (%zu precompiles)\n",
              matched, precompiles);
}

TEST(ZkirJson, ModelSurvivesJsonAndBinaryRoundTrips) {
  fs::path root = testing::vectors_dir() / "midnight" / "circuits";
  NIGHTJAR_REQUIRE_VECTOR(root);
  for (const fs::path& zkir : files_with(root, ".zkir")) {
    SCOPED_TRACE(zkir.string());
    Result<zkir::Ir> from_json = ir_from_json(read_text(zkir));
    ASSERT_TRUE(from_json.is_ok()) << from_json.status().message();
    Result<zkir::Ir> again = ir_from_json(ir_to_json(*from_json));
    ASSERT_TRUE(again.is_ok()) << again.status().message();
    EXPECT_TRUE(*again == *from_json);
    Result<zkir::Ir> from_binary = decode_ir(encode_ir(*from_json));
    ASSERT_TRUE(from_binary.is_ok()) << from_binary.status().message();
    EXPECT_TRUE(*from_binary == *from_json);
  }
}

// zswap/static/sign.bzkir, as described in the reference notes: 2 inputs, 25 instructions,
// constrain_bits {0, 8} and {1, 248}, load_imm 1, the 21-byte domain separator, then a
// persistent_hash over [b21, b32] of [3, 0, 1].
TEST(ZkirBinary, DecodesTheSignCircuit) {
  fs::path path =
      testing::vectors_dir() / "midnight/circuits/ledger-static/zswap_static_sign.bzkir";
  NIGHTJAR_REQUIRE_VECTOR(path);
  Result<zkir::Ir> ir = decode_ir(read_file(path));
  ASSERT_TRUE(ir.is_ok()) << ir.status().message();
  EXPECT_EQ(ir->flavour, zkir::IrFlavour::kLegacy);
  EXPECT_EQ(ir->version, zkir::MinorVersion::kV0);
  EXPECT_EQ(ir->num_inputs, 2u);
  EXPECT_FALSE(ir->do_communications_commitment);
  ASSERT_EQ(ir->instructions.size(), 25u);
  EXPECT_TRUE(ir->instructions[0] == zkir::Instruction(zkir::ConstrainBits{0, 8}));
  EXPECT_TRUE(ir->instructions[1] == zkir::Instruction(zkir::ConstrainBits{1, 248}));
  EXPECT_TRUE(ir->instructions[2] == zkir::Instruction(zkir::LoadImm{ff::Fr::from_u64(1)}));
  const auto& domain = std::get<zkir::LoadImm>(ir->instructions[3]).imm.to_bytes_le();
  EXPECT_EQ(std::string(domain.begin(), domain.begin() + 21), "midnight:zswap-pk[v1]");
  zkir::PersistentHash hash;
  hash.alignment.segments = {zkir::AlignmentAtom::bytes(21), zkir::AlignmentAtom::bytes(32)};
  hash.inputs = {3, 0, 1};
  EXPECT_TRUE(ir->instructions[4] == zkir::Instruction(hash));
}

std::string ir_json(const std::string& instructions, int minor = 0) {
  return R"({"version":{"major":2,"minor":)" + std::to_string(minor) +
         R"(},"do_communications_commitment":false,"num_inputs":1,"instructions":[)" +
         instructions + "]}";
}

// Body bytes (after the header) as the official json2bin wrote them.
std::string body_hex(const std::string& json) {
  Result<std::vector<uint8_t>> b = json_ir_to_binary(json);
  if (!b.is_ok()) return "error: " + b.status().message();
  auto colon = std::find(b->begin() + 9, b->end(), ':');  // the one closing the tag
  return to_hex(std::span<const uint8_t>(&*(colon + 1), b->end() - colon - 1));
}

TEST(ZkirJson, ImmediatesFollowTheOfficialHexRules) {
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"0x01"})")), "0400040c04");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"0100"})")), "0400040c04");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":""})")), "0400040c00");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"-"})")), "0400040c00");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"ff00"})")), "0400040cfd03");
  // -1 = r - 1.
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"-01"})")),
            "0400040c7300000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"load_imm","imm":"-0x01"})")),
            body_hex(ir_json(R"({"op":"load_imm","imm":"-01"})")));
  for (const char* bad :
       {R"("1")", R"("0X01")", R"(" 01")", "1",
        R"("01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73")",
        R"("000000000000000000000000000000000000000000000000000000000000000000")"}) {
    std::string json = ir_json(std::string(R"({"op":"load_imm","imm":)") + bad + "}");
    EXPECT_FALSE(json_ir_to_binary(json).is_ok()) << bad;
  }
}

TEST(ZkirJson, GuardsUnknownKeysAndRepeatedKeysFollowSerde) {
  EXPECT_EQ(
      body_hex(ir_json(
          R"({"op":"public_input","guard":null},{"op":"private_input"},{"op":"pi_skip","count":3})")),
      "04000c1800190007000c");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"copy","var":0,"zz":1})")), "0400040500");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"copy","var":0,"var":1})")), "0400040504");
  EXPECT_EQ(body_hex(R"({"version":{"major":2,"minor":0,"patch":3},"extra":[],)"
                     R"("do_communications_commitment":false,"num_inputs":1,"num_inputs":2,)"
                     R"("instructions":[]})"),
            "080000");
}

TEST(ZkirJson, AlignmentsEncodeLikeTheOfficialEncoder) {
  EXPECT_EQ(
      body_hex(ir_json(
          R"({"op":"persistent_hash","alignment":[{"tag":"atom","value":{"tag":"compress"}},)"
          R"({"tag":"option","value":[[{"tag":"atom","value":{"tag":"field"}}],[]]}],"inputs":[0]})")),
      "04000411c2408241c00400");
  EXPECT_EQ(body_hex(ir_json(R"({"op":"persistent_hash","alignment":[],"inputs":[]})")),
            "04000411c000");
  EXPECT_EQ(
      body_hex(ir_json(
          R"({"op":"persistent_hash","alignment":[{"tag":"atom","value":{"tag":"bytes","length":524287}}],"inputs":[]})")),
      "040004113fff7f00");
  EXPECT_EQ(
      body_hex(ir_json(
          R"({"op":"persistent_hash","alignment":[{"tag":"atom","value":{"tag":"bytes","length":524288}}],"inputs":[]})")),
      "error: instructions[0]: integer out of three-byte limit: 524288");
}

TEST(ZkirJson, RejectsWhatTheOfficialReaderRejects) {
  EXPECT_EQ(body_hex("[1]"), "error: Expected a JSON object");
  EXPECT_EQ(body_hex(R"({"num_inputs":1})"), "error: Expected a version entry");
  EXPECT_EQ(body_hex(ir_json("", 2)), "error: Unhandled version: 2.2");
  EXPECT_EQ(body_hex(R"({"version":{"major":2,"minor":0},"num_inputs":1,"instructions":[]})"),
            "error: missing field `do_communications_commitment`");
  EXPECT_NE(body_hex(R"({"version":{"major":2.0,"minor":0},"do_communications_commitment":false,)"
                     R"("num_inputs":1,"instructions":[]})")
                .find("expected u8"),
            std::string::npos);
  EXPECT_NE(body_hex(R"({"version":{"major":2,"minor":0},"do_communications_commitment":false,)"
                     R"("num_inputs":4294967296,"instructions":[]})")
                .find("out of range for u32"),
            std::string::npos);
  EXPECT_NE(body_hex(ir_json(R"({"op":"jump","var":0})")).find("unknown variant `jump`"),
            std::string::npos);
  EXPECT_NE(body_hex(ir_json(R"({"op":"copy"})")).find("missing field `var`"), std::string::npos);
  EXPECT_NE(body_hex(ir_json(R"({"op":"copy","var":-1})")).find("expected u32"), std::string::npos);
  EXPECT_NE(body_hex("{").find("invalid JSON"), std::string::npos);
}

TEST(ZkirJson, RejectsDeepNestingBeforeParsing) {
  const size_t depth = kMaxJsonDepth + 1;
  std::string deep = ir_json(R"({"op":"persistent_hash","alignment":)" + std::string(depth, '[') +
                             std::string(depth, ']') + R"(,"inputs":[]})");
  EXPECT_NE(body_hex(deep).find("nesting deeper than " + std::to_string(kMaxJsonDepth)),
            std::string::npos);
}

// Minor version 1 (ZKIR 2.1) uses the generic envelope with its version byte, as the ledger-8
// branch writes it (the npm zkir-v2 2.1.0 encoder still refuses 2.1 JSON).
TEST(ZkirJson, MinorVersionOneUsesTheGenericEnvelope) {
  Result<std::vector<uint8_t>> b = json_ir_to_binary(ir_json(R"({"op":"copy","var":0})", 1));
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  std::string expected = "midnight:ir-source[v2-generic]:";
  std::vector<uint8_t> want(expected.begin(), expected.end());
  for (uint8_t x : {0x01, 0x04, 0x00, 0x04, 0x05, 0x00}) want.push_back(x);
  EXPECT_EQ(*b, want);
  Result<zkir::Ir> ir = decode_ir(*b);
  ASSERT_TRUE(ir.is_ok()) << ir.status().message();
  EXPECT_EQ(ir->version, zkir::MinorVersion::kV1);
  EXPECT_EQ(ir->flavour, zkir::IrFlavour::kGeneric);
  EXPECT_EQ(encode_ir(*ir), *b);

  // A generic envelope may also carry minor version 0; it re-encodes as it came.
  std::vector<uint8_t> v0 = *b;
  v0[expected.size()] = 0;
  Result<zkir::Ir> ir0 = decode_ir(v0);
  ASSERT_TRUE(ir0.is_ok()) << ir0.status().message();
  EXPECT_EQ(ir0->version, zkir::MinorVersion::kV0);
  EXPECT_EQ(encode_ir(*ir0), v0);

  std::vector<uint8_t> v2 = *b;
  v2[expected.size()] = 2;
  Result<zkir::Ir> bad = decode_ir(v2);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("unknown ZKIR minor version 2"), std::string::npos);
}

TEST(ZkirBinary, RejectsBadEnvelopesAndInstructions) {
  auto decode_hex = [](const std::string& tag, const char* body) {
    std::string s = "midnight:" + tag + ":";
    std::vector<uint8_t> b(s.begin(), s.end());
    std::vector<uint8_t> rest = from_hex(body).value();
    b.insert(b.end(), rest.begin(), rest.end());
    return decode_ir(b);
  };
  EXPECT_TRUE(decode_hex("ir-source[v2]",
                         "040004"
                         "0500")
                  .is_ok());
  Result<zkir::Ir> unknown = decode_hex("ir-source[v2]",
                                        "040004"
                                        "1a00");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().message(),
            "unknown ZKIR instruction 26 at byte 26 in ir-source[v2].instructions[0]");
  Result<zkir::Ir> bad_bool = decode_hex("ir-source[v2]",
                                         "040204"
                                         "0500");
  ASSERT_FALSE(bad_bool.is_ok());
  EXPECT_NE(bad_bool.status().message().find("invalid bool byte 2"), std::string::npos);
  Result<zkir::Ir> count = decode_hex("ir-source[v2]",
                                      "0400fc"
                                      "0500");
  ASSERT_FALSE(count.is_ok());
  EXPECT_NE(count.status().message().find("declared length 63"), std::string::npos);
  Result<zkir::Ir> other = decode_hex("ir-source[v3-generic]", "00");
  ASSERT_FALSE(other.is_ok());
  EXPECT_EQ(other.status().message(),
            "expected one of 'midnight:ir-source[v2-generic]:' or 'midnight:ir-source[v2]:', got "
            "'midnight:ir-source[v3-generic]:'");
  // An alignment atom (0,1,2) is illegal; so is a two-byte flagged int for a value below 32.
  EXPECT_NE(decode_hex("ir-source[v2]",
                       "040004"
                       "1142"
                       "00")
                .status()
                .message()
                .find("illegal alignment atom"),
            std::string::npos);
  EXPECT_NE(decode_hex("ir-source[v2]",
                       "040004"
                       "112000"
                       "00")
                .status()
                .message()
                .find("longer encoding"),
            std::string::npos);
  EXPECT_NE(decode_hex("ir-source[v2]",
                       "040004"
                       "11c1"
                       "40"
                       "00")
                .status()
                .message()
                .find("singleton alignment"),
            std::string::npos);
}

TEST(ZkirBinary, RejectsAlignmentsNestedPastTheRecursionLimit) {
  // 300 nested single-branch options around an empty alignment.
  std::string s = "midnight:ir-source[v2]:";
  std::vector<uint8_t> b(s.begin(), s.end());
  for (uint8_t x : {0x04, 0x00, 0x04, 0x11}) b.push_back(x);
  b.insert(b.end(), 300, 0x81);
  b.push_back(0xc0);
  b.push_back(0x00);
  Result<zkir::Ir> ir = decode_ir(b);
  ASSERT_FALSE(ir.is_ok());
  EXPECT_NE(ir.status().message().find("nesting deeper than 250 levels"), std::string::npos);
}

}  // namespace
}  // namespace nightjar::midnight

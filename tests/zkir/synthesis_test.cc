// Synthesis against the official keys in the shared vectors: for every circuit with a prover key
// and a case preimage, the synthesized fixed columns (selectors included) and the permutation σ
// rebuilt from the copies must equal the key's, and the witness must pass the mock prover; the
// cost model's k must equal k.json for every circuit file. Instructions no keyed circuit uses
// (hash_to_curve, not, copy, ...) are checked against the interpreter and the mock prover.
#include "zkir/synthesis.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "midnight/preimage.h"
#include "midnight/prover_key.h"
#include "midnight/tagged.h"
#include "midnight/zkir_binary.h"
#include "midnight/zkir_json.h"
#include "plonk/mock_prover.h"
#include "plonk/permutation_keygen.h"
#include "tests/testing/vectors.h"
#include "zkir/interpreter.h"

namespace nightjar::zkir {
namespace {

namespace fs = std::filesystem;
using ff::Fr;

fs::path midnight_dir() { return testing::midnight_vectors_dir(); }

using testing::read_file;

uint32_t read_u32_be(std::span<const uint8_t> b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) |
         b[at + 3];
}

// Polynomials of a key (Lagrange values, raw Montgomery scalars): the fixed columns or the
// permutation's σ.
std::vector<std::vector<Fr>> key_polys(const midnight::ProverKey& key, midnight::ByteRange range) {
  std::span<const uint8_t> bytes = key.view(range);
  const uint32_t count = read_u32_be(bytes, 0);
  size_t at = 4;
  std::vector<std::vector<Fr>> out(count);
  for (auto& column : out) {
    const uint32_t len = read_u32_be(bytes, at);
    at += 4;
    column.resize(len);
    for (Fr& x : column) {
      std::array<uint64_t, 4> limbs{};
      for (size_t i = 0; i < 32; ++i) limbs[i / 8] |= uint64_t{bytes[at + i]} << (8 * (i % 8));
      x = *Fr::from_raw_montgomery(limbs);
      at += 32;
    }
  }
  return out;
}

struct KeyCase {
  std::string case_name;
  std::string circuit;  // circuits/<contract>/<name>
};

std::vector<KeyCase> key_cases() {
  std::vector<KeyCase> out;
  const fs::path cases = midnight_dir() / "cases";
  if (!fs::exists(cases)) return out;
  for (const auto& entry : fs::directory_iterator(cases)) {
    std::ifstream in(entry.path() / "meta.json");
    if (!in) continue;
    const nlohmann::json meta = nlohmann::json::parse(in);
    std::string files = meta.at("circuit_files").get<std::string>();
    files = files.substr(0, files.find('.'));
    out.push_back({entry.path().filename().string(), files});
  }
  std::sort(out.begin(), out.end(),
            [](const KeyCase& a, const KeyCase& b) { return a.case_name < b.case_name; });
  return out;
}

void PrintTo(const KeyCase& c, std::ostream* os) { *os << c.case_name; }

class FixedColumns : public ::testing::TestWithParam<KeyCase> {};

TEST_P(FixedColumns, EqualTheProverKey) {
  const KeyCase& c = GetParam();
  const fs::path key_path = midnight_dir() / (c.circuit + ".prover");
  NIGHTJAR_REQUIRE_VECTOR(key_path);
  Result<midnight::ProverKey> key = midnight::decode_prover_key(read_file(key_path));
  ASSERT_TRUE(key.is_ok()) << key.status().message();
  Result<midnight::ProofPreimage> preimage = midnight::decode_tagged<midnight::ProofPreimage>(
      read_file(midnight_dir() / "cases" / c.case_name / "preimage.bin"));
  ASSERT_TRUE(preimage.is_ok()) << preimage.status().message();
  const CheckInputs inputs = midnight::check_inputs(*preimage);
  Result<Preprocessed> pre = preprocess(key->relation, inputs);
  ASSERT_TRUE(pre.is_ok()) << pre.status().message();

  const SynthesisWitness witness{pre->memory.values(), inputs.binding_input,
                                 inputs.communications_commitment};
  Result<Synthesized> synthesized = synthesize(key->relation, witness, key->max_bit_len, key->k);
  ASSERT_TRUE(synthesized.is_ok()) << synthesized.status().message();
  const plonk::Assignment& a = synthesized->assignment;

  const std::vector<std::vector<Fr>> expected = key_polys(*key, key->layout.fixed_polys);
  ASSERT_EQ(a.fixed.size(), expected.size());
  for (size_t col = 0; col < expected.size(); ++col) {
    ASSERT_EQ(a.fixed[col].size(), expected[col].size());
    for (size_t row = 0; row < expected[col].size(); ++row) {
      ASSERT_TRUE(a.fixed[col][row] == expected[col][row])
          << c.case_name << ": fixed column " << col << " differs first at row " << row;
    }
  }

  // The copies, replayed in order, give the key's σ exactly.
  Result<std::vector<std::vector<Fr>>> sigmas =
      plonk::permutation_sigmas(synthesized->cs, synthesized->assignment);
  ASSERT_TRUE(sigmas.is_ok()) << sigmas.status().message();
  const std::vector<std::vector<Fr>> expected_sigmas =
      key_polys(*key, key->layout.permutation_polys);
  ASSERT_EQ(sigmas->size(), expected_sigmas.size());
  for (size_t col = 0; col < expected_sigmas.size(); ++col) {
    for (size_t row = 0; row < expected_sigmas[col].size(); ++row) {
      ASSERT_TRUE((*sigmas)[col][row] == expected_sigmas[col][row])
          << c.case_name << ": permutation column " << col << " differs first at row " << row;
    }
  }

  // The witness satisfies every gate, lookup, trash argument and copy.
  std::vector<plonk::MockFailure> failures;
  Status verified = plonk::mock_verify(synthesized->cs, a, {}, &failures);
  EXPECT_TRUE(verified.is_ok()) << c.case_name << ": " << verified.message();

  // A wrong witness value is caught: the first nonzero cell of advice column 0, changed.
  plonk::Assignment tampered(synthesized->cs, a.k);
  tampered.fixed = a.fixed;
  tampered.advice = a.advice;
  tampered.instance = a.instance;
  tampered.copies = a.copies;
  for (size_t row = 0; row < a.usable_rows(); ++row) {
    if (!a.advice[0][row].is_zero()) {
      tampered.advice[0][row] += Fr::one();
      break;
    }
  }
  EXPECT_FALSE(plonk::mock_verify(synthesized->cs, tampered).is_ok()) << c.case_name;

  // Instance column 1 holds the public inputs the interpreter computed.
  const std::vector<Fr>& instance = a.instance[1];
  for (size_t i = 0; i < pre->public_inputs.size(); ++i) {
    EXPECT_TRUE(instance[i] == pre->public_inputs[i]) << "public input " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FixedColumns, ::testing::ValuesIn(key_cases()),
                         [](const auto& info) {
                           std::string name = info.param.case_name;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// counter/increment with its case preimage, preprocessed.
struct Counter {
  Ir ir;
  midnight::ProofPreimage preimage;
  Preprocessed pre;
};

std::optional<Counter> counter() {
  const fs::path dir = midnight_dir();
  Result<Ir> ir = midnight::decode_ir(read_file(dir / "circuits/counter/increment.bzkir"));
  Result<midnight::ProofPreimage> preimage = midnight::decode_tagged<midnight::ProofPreimage>(
      read_file(dir / "cases/counter-increment/preimage.bin"));
  if (!ir.is_ok() || !preimage.is_ok()) return std::nullopt;
  Result<Preprocessed> pre = preprocess(*ir, midnight::check_inputs(*preimage));
  if (!pre.is_ok()) return std::nullopt;
  return Counter{std::move(ir).value(), std::move(preimage).value(), std::move(pre).value()};
}

TEST(Synthesis, RefusesTooFewRows) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.bzkir");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  const CheckInputs inputs = midnight::check_inputs(c->preimage);
  const SynthesisWitness witness{c->pre.memory.values(), inputs.binding_input,
                                 inputs.communications_commitment};
  Result<Synthesized> fits = synthesize(c->ir, witness, 8, 5);
  EXPECT_TRUE(fits.is_ok()) << fits.status().message();
  Result<Synthesized> too_small = synthesize(c->ir, witness, 8, 4);
  ASSERT_FALSE(too_small.is_ok());
  EXPECT_EQ(too_small.status().code(), StatusCode::kOutOfRange);
}

TEST(Synthesis, RefusesAWitnessTheCircuitDisagreesWith) {
  NIGHTJAR_REQUIRE_VECTOR(midnight_dir() / "circuits/counter/increment.bzkir");
  std::optional<Counter> c = counter();
  ASSERT_TRUE(c.has_value());
  const CheckInputs inputs = midnight::check_inputs(c->preimage);
  std::vector<Fr> memory(c->pre.memory.values().begin(), c->pre.memory.values().end());
  memory[1] += Fr::one();  // the value load_imm 0x70 pushed
  const SynthesisWitness witness{memory, inputs.binding_input, inputs.communications_commitment};
  Result<Synthesized> synthesized = synthesize(c->ir, witness, 8, 5);
  ASSERT_FALSE(synthesized.is_ok());
  EXPECT_EQ(synthesized.status().code(), StatusCode::kInvalidArgument);
}

TEST(Synthesis, RefusesAnOperandOutOfRange) {
  Ir ir;
  ir.instructions.push_back(LoadImm{Fr::from_u64(3)});
  ir.instructions.push_back(Add{0, 7});
  Result<CircuitModel> model = cost_model(ir);
  ASSERT_FALSE(model.is_ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
}

TEST(Synthesis, ModelsTheEmptyCircuit) {
  // Only the binding input: the minimum circuit of the official cost model.
  Result<CircuitModel> model = cost_model(Ir{});
  ASSERT_TRUE(model.is_ok()) << model.status().message();
  EXPECT_EQ(model->max_bit_len, 8);
  EXPECT_EQ(model->instance_rows, 1u);
  EXPECT_EQ(model->table_rows, 1u);  // the (0, 0) row of the pow2range table
}

// Circuits no shared prover key covers: the synthesized values must equal the interpreter's (the
// native gadgets) and satisfy every constraint.
void expect_satisfied(const Ir& ir, std::span<const Fr> input_values,
                      std::span<const Fr> private_transcript = {}) {
  CheckInputs inputs;
  inputs.inputs = input_values;
  inputs.private_transcript = private_transcript;
  Result<Preprocessed> pre = preprocess(ir, inputs);
  ASSERT_TRUE(pre.is_ok()) << pre.status().message();
  Result<CircuitModel> model = cost_model(ir);
  ASSERT_TRUE(model.is_ok()) << model.status().message();
  const SynthesisWitness witness{pre->memory.values(), inputs.binding_input, std::nullopt};
  Result<Synthesized> synthesized = synthesize(ir, witness, model->max_bit_len, model->k);
  ASSERT_TRUE(synthesized.is_ok()) << synthesized.status().message();
  Status verified = plonk::mock_verify(synthesized->cs, synthesized->assignment);
  EXPECT_TRUE(verified.is_ok()) << verified.message();
}

TEST(Synthesis, HashToCurveAgreesWithTheNativeGadget) {
  Ir ir;
  ir.num_inputs = 3;
  ir.instructions.push_back(HashToCurve{{0, 1, 2}});
  ir.instructions.push_back(HashToCurve{{}});
  const Fr inputs[] = {Fr::from_u64(1), Fr::from_u64(0xdeadbeef), -Fr::from_u64(5)};
  expect_satisfied(ir, inputs);
}

TEST(Synthesis, EmbeddedGroupOpsAgreeWithTheNativeGadget) {
  // [k]G, then [k](kG) + kG, and bit manipulations of the result, for small and large k.
  Ir ir;
  ir.num_inputs = 1;
  ir.instructions.push_back(EcMulGenerator{0});            // 1, 2
  ir.instructions.push_back(EcMul{1, 2, 0});               // 3, 4
  ir.instructions.push_back(EcAdd{3, 4, 1, 2});            // 5, 6
  ir.instructions.push_back(DivModPowerOfTwo{6, 17});      // 7, 8
  ir.instructions.push_back(LoadImm{Fr::from_u64(1000)});  // 9
  ir.instructions.push_back(LessThan{8, 9, 17});           // 10
  ir.instructions.push_back(ReconstituteField{7, 8, 17});  // 11
  ir.instructions.push_back(ConstrainEq{11, 6});
  for (uint64_t k : {uint64_t{0}, uint64_t{1}, uint64_t{0x123456789abcdef}}) {
    const Fr inputs[] = {Fr::from_u64(k)};
    expect_satisfied(ir, inputs);
  }
  const Fr large[] = {-Fr::one()};
  expect_satisfied(ir, large);
}

TEST(Synthesis, RemainingInstructionsAgreeWithTheInterpreter) {
  Ir ir;
  ir.num_inputs = 2;                               // 0 = 1, 1 = 5
  ir.instructions.push_back(Not{0});               // 2 = 0
  ir.instructions.push_back(PrivateInput{0});      // 3 = 42
  ir.instructions.push_back(PrivateInput{2});      // 4 = 0, guarded off
  ir.instructions.push_back(Copy{3});              // 5
  ir.instructions.push_back(TestEq{5, 3});         // 6 = 1
  ir.instructions.push_back(CondSelect{6, 1, 3});  // 7 = 5
  ir.instructions.push_back(ConstrainToBoolean{6});
  ir.instructions.push_back(ConstrainEq{7, 1});
  ir.instructions.push_back(Mul{1, 3});  // 8
  ir.instructions.push_back(Neg{8});     // 9
  // A field, then 40 bytes given as a 9-byte stray chunk and a 31-byte chunk.
  ir.instructions.push_back(PersistentHash{
      Alignment{{AlignmentAtom::field(), AlignmentAtom::bytes(40)}}, {9, 1, 3}});  // 10, 11
  ir.instructions.push_back(Output{11});
  const Fr inputs[] = {Fr::from_u64(1), Fr::from_u64(5)};
  const Fr transcript[] = {Fr::from_u64(42)};
  expect_satisfied(ir, inputs, transcript);
}

Result<Ir> read_ir(const fs::path& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  if (path.extension() == ".bzkir") return midnight::decode_ir(bytes);
  return midnight::ir_from_json(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

TEST(CircuitK, EqualsKJson) {
  const fs::path k_json = midnight_dir() / "k.json";
  NIGHTJAR_REQUIRE_VECTOR(k_json);
  std::ifstream in(k_json);
  const nlohmann::json expected = nlohmann::json::parse(in);
  const int max_k = testing::env_int("NIGHTJAR_SYNTHESIS_MAX_K", 16);
  size_t checked = 0;
  for (const auto& [file, k] : expected.items()) {
    if (k.get<int>() > max_k) continue;
    Result<Ir> ir = read_ir(midnight_dir() / file);
    ASSERT_TRUE(ir.is_ok()) << file << ": " << ir.status().message();
    Result<CircuitModel> model = cost_model(*ir);
    if (!model.is_ok()) {
      ADD_FAILURE() << file << ": " << model.status().message();
      continue;
    }
    EXPECT_EQ(model->k, k.get<uint32_t>())
        << file << " (rows " << model->rows << ", table rows " << model->table_rows
        << ", instance rows " << model->instance_rows << ")";
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace nightjar::zkir

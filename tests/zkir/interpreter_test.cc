// Hand-written programs for what the differential vectors cannot show: inputs on which the
// official code panics, what the messages leave out, the public-input vector, the witness memory.
#include "zkir/interpreter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "circuits/poseidon.h"
#include "zkir/fr_format.h"

namespace nightjar::zkir {
namespace {

using ff::Fr;

Ir program(uint32_t num_inputs, std::vector<Instruction> instructions, bool commitment = false) {
  Ir ir;
  ir.num_inputs = num_inputs;
  ir.do_communications_commitment = commitment;
  ir.instructions = std::move(instructions);
  return ir;
}

struct Preimage {
  std::vector<Fr> inputs, private_transcript, public_transcript_inputs, public_transcript_outputs;
  Fr binding_input = Fr::from_u64(42);
  std::optional<CommunicationsCommitment> commitment;

  CheckInputs view() const {
    return {inputs,        private_transcript, public_transcript_inputs, public_transcript_outputs,
            binding_input, commitment};
  }
};

std::string error_of(const Ir& ir, const Preimage& p) {
  Result<PiSkips> r = check(ir, p.view());
  EXPECT_FALSE(r.is_ok());
  return r.is_ok() ? "" : r.status().message();
}

TEST(Interpreter, PublicInputsAreBindingCommitmentThenDeclared) {
  Preimage p;
  p.inputs = {Fr::from_u64(5)};
  p.public_transcript_inputs = {Fr::from_u64(5), Fr::from_u64(10)};
  const Fr randomness = Fr::from_u64(77);
  // Outputs: input 0 doubled.
  const std::vector<Fr> committed{Fr::from_u64(5), Fr::from_u64(10)};
  p.commitment =
      CommunicationsCommitment{circuits::transient_commit(committed, randomness), randomness};
  Ir ir = program(
      1, {Add{0, 0}, DeclarePubInput{0}, DeclarePubInput{1}, PiSkip{std::nullopt, 2}, Output{1}},
      /*commitment=*/true);
  Result<Preprocessed> r = preprocess(ir, p.view());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->public_inputs, (std::vector<Fr>{p.binding_input, p.commitment->commitment,
                                               Fr::from_u64(5), Fr::from_u64(10)}));
  EXPECT_EQ(r->pi_skips, (PiSkips{std::nullopt}));
  EXPECT_EQ(r->memory.values().size(), 2u);

  p.commitment->randomness = Fr::from_u64(78);
  EXPECT_EQ(error_of(ir, p), "Communications commitment mismatch");
  p.commitment.reset();
  EXPECT_EQ(error_of(ir, p), "Expected communications commitment");
}

// A skipped group's inputs stay public inputs of the circuit; only the transcript cursor rewinds.
TEST(Interpreter, SkippedGroupsRewindTheTranscript) {
  Preimage p;
  p.inputs = {Fr::zero(), Fr::from_u64(9)};
  p.public_transcript_inputs = {Fr::from_u64(9)};
  Ir ir = program(2, {DeclarePubInput{1}, DeclarePubInput{1}, PiSkip{Index{0}, 2},
                      DeclarePubInput{1}, PiSkip{std::nullopt, 1}});
  Result<Preprocessed> r = preprocess(ir, p.view());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->pi_skips, (PiSkips{2, std::nullopt}));
  EXPECT_EQ(r->public_inputs.size(), 4u);
}

TEST(Interpreter, TranscriptMismatchNamesThePublicValues) {
  Preimage p;
  p.inputs = {Fr::from_u64(0x7170)};
  p.public_transcript_inputs = {Fr::from_u64(0x7171)};
  Ir ir = program(1, {DeclarePubInput{0}, PiSkip{std::nullopt, 1}});
  EXPECT_EQ(error_of(ir, p),
            "Public transcript input mismatch for input 0; expected: Some(7171), computed: "
            "Some(7071)");
  p.public_transcript_inputs.clear();
  EXPECT_EQ(error_of(ir, p),
            "Public transcript input mismatch for input 0; expected: None, computed: Some(7071)");
}

// The official code indexes past the public inputs and panics; here it is a plain rejection.
TEST(Interpreter, PiSkipLongerThanThePublicInputsIsRejected) {
  Preimage p;
  Ir ir = program(0, {PiSkip{std::nullopt, 3}});
  EXPECT_NE(error_of(ir, p).find("pi_skip groups 3 public inputs but only 1 exist"),
            std::string::npos);
}

// Points with no decoding panic in the official code (midnight-circuits' from_xy unwraps).
TEST(Interpreter, UndecodablePointsAreRejected) {
  Preimage p;
  p.inputs = {Fr::zero(), -Fr::one(), Fr::from_u64(3)};
  // (0, -1) is on the curve but of order 2.
  Ir ir = program(3, {EcMul{0, 1, 2}});
  std::string message = error_of(ir, p);
  EXPECT_NE(message.find("prime-order subgroup"), std::string::npos) << message;
  EXPECT_NE(message.find("instruction 0: ec_mul"), std::string::npos) << message;
}

// Witness values must not appear in messages: only indices and the instruction.
TEST(Interpreter, MessagesLeaveOutWitnessValues) {
  const Fr secret = Fr::from_u64(0xdeadbeefcafe);
  const std::string printed = format_fr(secret);
  Preimage p;
  p.inputs = {secret, Fr::one()};
  p.private_transcript = {secret};
  const std::vector<std::pair<const char*, Ir>> programs = {
      {"Failed equality constraint", program(2, {ConstrainEq{0, 1}})},
      {"Expected boolean", program(2, {PrivateInput{std::nullopt}, Assert{2}})},
      {"Bit bound failed", program(2, {ConstrainBits{0, 8}})},
      {"Inputs did not match alignment",
       program(2, {PersistentHash{Alignment{{AlignmentAtom::bytes(2)}}, {0}}})},
  };
  for (const auto& [kind, ir] : programs) {
    std::string message = error_of(ir, p);
    EXPECT_EQ(message.rfind(kind, 0), 0u) << message;
    EXPECT_EQ(message.find(printed), std::string::npos) << message;
  }
}

TEST(Interpreter, ReconstituteFieldBounds) {
  Preimage p;
  p.inputs = {Fr::from_u64(3), Fr::from_u64(5)};
  Result<Preprocessed> r = preprocess(program(2, {ReconstituteField{0, 1, 8}}), p.view());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->memory.values().back(), Fr::from_u64(3 * 256 + 5));
  // bits = 0 leaves the divisor 255 bits, past the bound of a field element (after the modulus,
  // 0 here, passed its own 0-bit bound).
  p.inputs.push_back(Fr::zero());
  EXPECT_EQ(error_of(program(3, {ReconstituteField{1, 2, 0}}), p), "Excessive bit bound");
  EXPECT_EQ(error_of(program(3, {ReconstituteField{1, 1, 0}}), p).rfind("Bit bound failed", 0), 0u);
  p.inputs.pop_back();
  EXPECT_EQ(error_of(program(2, {ReconstituteField{0, 1, 249}}), p), "Excessive bit count");
  // (r - 1) >> 8 as divisor with modulus 255 is past r - 1.
  Preimage q;
  Fr top = Fr::zero();
  const std::array<uint64_t, 4> modulus = ff::FrParams::kModulus;
  std::array<uint64_t, 4> shifted{};
  for (int i = 0; i < 4; ++i) {
    shifted[i] = modulus[i] >> 8 | (i < 3 ? modulus[i + 1] << 56 : 0);
  }
  top = *Fr::from_canonical(shifted);
  q.inputs = {top, Fr::from_u64(255)};
  EXPECT_EQ(error_of(program(2, {ReconstituteField{0, 1, 8}}), q),
            "Reconstituted element overflows field");
}

TEST(Interpreter, GuardsConsumeNothingWhenFalse) {
  Preimage p;
  p.inputs = {Fr::zero()};
  p.public_transcript_outputs = {Fr::from_u64(8)};
  Ir ir = program(1, {PublicInput{Index{0}}, PublicInput{std::nullopt}, PrivateInput{Index{0}}});
  Result<Preprocessed> r = preprocess(ir, p.view());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->memory.values()[1], Fr::zero());
  EXPECT_EQ(r->memory.values()[2], Fr::from_u64(8));
  p.public_transcript_outputs.push_back(Fr::one());
  EXPECT_EQ(error_of(ir, p), "Transcripts not fully consumed");
}

TEST(Interpreter, WitnessMemoryMovesOut) {
  WitnessMemory a(std::vector<Fr>{Fr::one(), Fr::from_u64(2)});
  WitnessMemory b(std::move(a));
  EXPECT_TRUE(a.values().empty());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_EQ(b.values().size(), 2u);
  WitnessMemory c;
  c = std::move(b);
  EXPECT_TRUE(b.values().empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(c.values()[1], Fr::from_u64(2));
}

TEST(FrFormat, PrintsLikeTheLedger) {
  EXPECT_EQ(format_fr(Fr::zero()), "-");
  EXPECT_EQ(format_fr(Fr::from_u64(0x71)), "71");
  EXPECT_EQ(format_fr(Fr::from_u64(0x0170)), "7001");
  EXPECT_EQ(format_option_fr(std::nullopt), "None");
  EXPECT_EQ(format_option_fr(Fr::one()), "Some(01)");
}

}  // namespace
}  // namespace nightjar::zkir

#include "circuits/poseidon_assign.h"

#include <vector>

#include "circuits/poseidon_constants.h"

namespace nightjar::circuits {

using ff::Fr;

namespace {

using P = PoseidonParams;
constexpr size_t kWidth = kPoseidonWidth;
using State = std::array<Fr, kWidth>;

Fr element(const P::Element& limbs) { return Fr::from_montgomery_unchecked(limbs); }

// The constants a shifted round adds after its linear layer: the next round's, zero after the
// last round.
State next_constants(size_t round) {
  State k{};
  if (round + 1 < P::kRounds) {
    for (size_t i = 0; i < kWidth; ++i) k[i] = element(P::kRoundConstants[round + 1][i]);
  }
  return k;
}

Fr sbox(const Fr& x) { return x.square().square() * x; }

// One shifted round: S-box (all elements, or only the last for a partial round), MDS matrix, next
// round's constants.
void shifted_round(State& state, size_t round, bool full) {
  for (size_t i = full ? 0 : kWidth - 1; i < kWidth; ++i) state[i] = sbox(state[i]);
  State out = next_constants(round);
  for (size_t i = 0; i < kWidth; ++i) {
    for (size_t j = 0; j < kWidth; ++j) out[i] += element(P::kMds[i][j]) * state[j];
  }
  state = out;
}

}  // namespace

std::array<AssignedNative, kWidth> PoseidonChip::permutation(
    std::span<const AssignedNative, kWidth> inputs) {
  return native_.layouter().assign_region([&](Region& region) {
    size_t offset = 0;
    std::array<Fr, kWidth> first;
    for (size_t i = 0; i < kWidth; ++i) first[i] = element(P::kRoundConstants[0][i]);
    std::array<AssignedNative, kWidth> state =
        native_.add_constants_in_region(region, inputs, first, offset);

    auto full_round = [&](size_t round) {
      region.enable_selector(config_.q_full_round, offset);
      const State k = next_constants(round);
      for (size_t i = 0; i < kWidth; ++i)
        region.assign_fixed(config_.constant_cols[i], offset, k[i]);
      State values;
      for (size_t i = 0; i < kWidth; ++i) {
        values[i] = state[i].value;
        region.assign_advice(config_.register_cols[kWidth + i], offset,
                             values[i] * values[i].square());
      }
      ++offset;
      shifted_round(values, round, true);
      for (size_t i = 0; i < kWidth; ++i) {
        state[i] = region.assign_advice(config_.register_cols[i], offset, values[i]);
      }
    };
    auto partial_batch = [&](size_t batch) {
      region.enable_selector(config_.q_partial_round, offset);
      for (size_t i = 0; i < kPoseidonFixedCols; ++i) {
        region.assign_fixed(config_.constant_cols[i], offset,
                            config_.partial.round_constants[batch][i]);
      }
      State values;
      for (size_t i = 0; i < kWidth; ++i) values[i] = state[i].value;
      const size_t first_round = P::kFullRounds / 2 + batch * kPoseidonBatch;
      for (size_t r = 0; r < kPoseidonBatch; ++r) {
        shifted_round(values, first_round + r, false);
        if (r + 1 < kPoseidonBatch && native_.layouter().values_known()) {
          region.assign_advice(config_.register_cols[kWidth + r], offset, values[kWidth - 1]);
        }
      }
      ++offset;
      for (size_t i = 0; i < kWidth; ++i) {
        state[i] = region.assign_advice(config_.register_cols[i], offset, values[i]);
      }
    };

    for (size_t round = 0; round < P::kFullRounds / 2; ++round) full_round(round);
    for (size_t batch = 0; batch < kPoseidonPartialBatches; ++batch) partial_batch(batch);
    for (size_t round = P::kFullRounds / 2 + P::kPartialRounds; round < P::kRounds; ++round) {
      full_round(round);
    }
    return state;
  });
}

void PoseidonChip::absorb(std::array<AssignedNative, kWidth>& state,
                          std::span<const AssignedNative> queue) {
  for (size_t start = 0; start < queue.size(); start += P::kRate) {
    for (size_t i = 0; i < P::kRate && start + i < queue.size(); ++i) {
      state[i] = native_.add(state[i], queue[start + i]);
    }
    state = permutation(state);
  }
}

AssignedNative PoseidonChip::hash(std::span<const AssignedNative> inputs) {
  AssignedNative zero = native_.assign_fixed(Fr::zero());
  std::array<AssignedNative, kWidth> state{zero, zero, zero};
  state[P::kRate] = native_.assign_fixed(Fr::from_u64(inputs.size()));
  absorb(state, inputs);
  return state[0];
}

std::array<AssignedNative, 2> PoseidonChip::squeeze_two(std::span<const AssignedNative> inputs) {
  AssignedNative zero = native_.assign_fixed(Fr::zero());
  std::array<AssignedNative, kWidth> state{zero, zero, zero};
  // 2^64 marks a sponge without a fixed length.
  state[P::kRate] =
      native_.assign_fixed(Fr::from_u64(uint64_t{1} << 32) * Fr::from_u64(uint64_t{1} << 32));
  std::vector<AssignedNative> queue(inputs.begin(), inputs.end());
  queue.push_back(native_.assign_fixed(Fr::from_u64(inputs.size())));
  absorb(state, queue);
  return {state[0], state[1]};
}

}  // namespace nightjar::circuits

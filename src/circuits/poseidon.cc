#include "circuits/poseidon.h"

#include "circuits/poseidon_constants.h"

namespace nightjar::circuits {

namespace {

using ff::Fr;
using P = PoseidonParams;

constexpr Fr element(const P::Element& limbs) { return Fr::from_montgomery_unchecked(limbs); }

Fr sbox(const Fr& x) { return x.square().square() * x; }

void linear_layer(PoseidonState& state) {
  PoseidonState out;
  for (size_t i = 0; i < P::kWidth; ++i) {
    Fr acc = element(P::kMds[i][0]) * state[0];
    for (size_t j = 1; j < P::kWidth; ++j) acc += element(P::kMds[i][j]) * state[j];
    out[i] = acc;
  }
  state = out;
}

void add_round_constants(PoseidonState& state, size_t round) {
  for (size_t i = 0; i < P::kWidth; ++i) state[i] += element(P::kRoundConstants[round][i]);
}

// Absorbs the sequence at(0), ..., at(n - 1) pairwise into a sponge whose capacity element is
// already set; `at` lets callers prepend or append an element without copying witness data.
template <class At>
void absorb(PoseidonState& state, size_t n, const At& at) {
  for (size_t i = 0; i < n; i += P::kRate) {
    state[0] += at(i);
    if (i + 1 < n) state[1] += at(i + 1);
    poseidon_permute(state);
  }
}

}  // namespace

void poseidon_permute(PoseidonState& state) {
  constexpr size_t kHalfFull = P::kFullRounds / 2;
  size_t round = 0;
  for (; round < kHalfFull; ++round) {
    add_round_constants(state, round);
    for (Fr& x : state) x = sbox(x);
    linear_layer(state);
  }
  for (; round < kHalfFull + P::kPartialRounds; ++round) {
    add_round_constants(state, round);
    state[P::kWidth - 1] = sbox(state[P::kWidth - 1]);
    linear_layer(state);
  }
  for (; round < P::kRounds; ++round) {
    add_round_constants(state, round);
    for (Fr& x : state) x = sbox(x);
    linear_layer(state);
  }
}

Fr transient_hash(std::span<const Fr> inputs) {
  PoseidonState state{Fr::zero(), Fr::zero(), Fr::from_u64(inputs.size())};
  absorb(state, inputs.size(), [&](size_t i) -> const Fr& { return inputs[i]; });
  return state[0];
}

Fr transient_commit(std::span<const Fr> values, const Fr& opening) {
  const size_t n = values.size() + 1;
  PoseidonState state{Fr::zero(), Fr::zero(), Fr::from_u64(n)};
  absorb(state, n, [&](size_t i) -> const Fr& { return i == 0 ? opening : values[i - 1]; });
  return state[0];
}

std::array<Fr, 2> poseidon_squeeze_two(std::span<const Fr> inputs) {
  // The capacity element of a variable-length sponge is 2^64 (midnight-zk's "no length" marker).
  PoseidonState state{Fr::zero(), Fr::zero(), Fr::from_u64(1ull << 32) * Fr::from_u64(1ull << 32)};
  const Fr count = Fr::from_u64(inputs.size());
  absorb(state, inputs.size() + 1,
         [&](size_t i) -> const Fr& { return i < inputs.size() ? inputs[i] : count; });
  return {state[0], state[1]};
}

}  // namespace nightjar::circuits
